/**
 * Fetches summary.json and incidents.json with undici. Timeouts are seconds, not undici's 300 s defaults;
 * 429/5xx and connection resets are retried by undici's retry interceptor, which honours Retry-After
 * (capped so one poll never outlives the interval). ETags are sent back with If-None-Match and a 304
 * reuses the last body. Every response body is read or dumped, so sockets are never leaked.
 */
import { Agent, type Dispatcher, errors, interceptors, request } from 'undici';
import type { StatusDocuments, StatusSource } from '../../app/ports/status-page.js';
import { BotError } from '../../core/errors.js';
import { networkErrorKind } from '../http/network-error.js';

export interface StatusClientOptions {
  baseUrl: string;
  /** Upper bound for one document, retries included. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Longest single wait between retries, Retry-After included. */
  maxRetryWaitMs?: number;
  userAgent?: string;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

interface Cached {
  etag: string;
  json: unknown;
}

export class StatusPageClient implements StatusSource {
  private readonly dispatcher: Dispatcher;
  private readonly agent: Agent;
  private readonly cache = new Map<string, Cached>();
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(private readonly options: StatusClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.userAgent = options.userAgent ?? 'clerk-status-bot (+https://github.com/clerk-status-bot)';
    this.agent = new Agent({
      connect: { timeout: 3_000 },
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
      keepAliveTimeout: 10_000,
      maxResponseSize: MAX_BODY_BYTES,
    });
    this.dispatcher = this.agent.compose(
      interceptors.retry({
        maxRetries: options.maxRetries ?? 2,
        minTimeout: 250,
        maxTimeout: options.maxRetryWaitMs ?? 5_000,
        timeoutFactor: 2,
        retryAfter: true,
        methods: ['GET'],
        statusCodes: [429, 500, 502, 503, 504],
      }),
    );
  }

  async fetch(signal?: AbortSignal): Promise<StatusDocuments> {
    const [summary, incidents] = await Promise.all([
      this.get('/api/v2/summary.json', signal),
      this.get('/api/v2/incidents.json', signal),
    ]);
    return {
      summary: summary.json,
      incidents: incidents.json,
      bytes: summary.bytes + incidents.bytes,
      notModified: Number(summary.notModified) + Number(incidents.notModified),
    };
  }

  private async get(
    path: string,
    outer?: AbortSignal,
  ): Promise<{ json: unknown; bytes: number; notModified: boolean }> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
    const cached = this.cache.get(url);
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(outer ? [outer] : [])];
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        dispatcher: this.dispatcher,
        method: 'GET',
        headers: {
          accept: 'application/json',
          'user-agent': this.userAgent,
          ...(cached ? { 'if-none-match': cached.etag } : {}),
        },
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      throw toSourceError(error, path);
    }

    const { statusCode, headers, body } = response;
    if (statusCode === 304 && cached) {
      await body.dump();
      return { json: cached.json, bytes: 0, notModified: true };
    }
    if (statusCode !== 200) {
      await body.dump().catch(() => undefined);
      throw new BotError('STATUS_PAGE_HTTP', `${path} answered HTTP ${statusCode}`, {
        details: { path, statusCode },
      });
    }
    let text: string;
    try {
      text = await body.text();
    } catch (error) {
      throw toSourceError(error, path);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const start = text.trimStart().slice(0, 1);
      const what = start === '<' ? 'an HTML page' : `invalid or truncated JSON (${text.length} bytes)`;
      throw new BotError('STATUS_PAGE_NOT_JSON', `${path} returned ${what}, not JSON`, {
        cause: error,
        details: { path },
      });
    }
    const etag = headers.etag;
    if (typeof etag === 'string' && etag !== '') this.cache.set(url, { etag, json });
    else this.cache.delete(url);
    return { json, bytes: Buffer.byteLength(text), notModified: false };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function toSourceError(error: unknown, path: string): BotError {
  if (error instanceof BotError) return error;
  if (error instanceof errors.RequestRetryError) {
    return new BotError('STATUS_PAGE_HTTP', `${path} answered HTTP ${error.statusCode} after retries`, {
      cause: error,
      details: { path, statusCode: error.statusCode },
    });
  }
  if (error instanceof errors.ResponseExceededMaxSizeError) {
    return new BotError('STATUS_PAGE_INVALID', `${path} is larger than ${MAX_BODY_BYTES} bytes`, {
      cause: error,
    });
  }
  const code = (error as { code?: string }).code;
  const reason =
    networkErrorKind(error) === 'timeout'
      ? 'timed out'
      : (code ?? (error as Error).message ?? 'network error');
  return new BotError('STATUS_PAGE_NETWORK', `${path}: ${reason}`, { cause: error, details: { path } });
}
