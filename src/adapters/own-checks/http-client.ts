/**
 * Calls the team's own services for checks and jobs, with undici on a pool of its own (so a hanging service never
 * takes a connection the status page, the probes or Slack need), at most a few calls at once (a check that hangs
 * holds one place until its own timeout, never the others' schedule for long), each with its own deadline, the body
 * read only up to a bound, redirects not followed (a 3xx is the answer: a check never ends up at another host).
 * Header values are sent and forgotten: nothing here logs a request.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { OwnHttp, OwnRequest, OwnResponse } from '../../app/ports/own-services.js';
import { networkErrorKind } from '../http/network-error.js';

const BODY_LIMIT = 64 * 1024;

const NETWORK_WORDS = {
  dns: 'DNS lookup failed',
  tls: 'TLS handshake failed',
  tcp: 'connection refused or reset',
} as const;

export interface OwnHttpOptions {
  /** Calls in flight at once. */
  concurrency?: number;
  userAgent?: string;
}

export class OwnHttpClient implements OwnHttp {
  private readonly agent = new Agent({ connections: 16, keepAliveTimeout: 10_000 });
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: OwnHttpOptions = {}) {}

  async call(req: OwnRequest): Promise<OwnResponse> {
    await this.place();
    try {
      return await this.send(req);
    } finally {
      // The place passes straight to the next waiter, so a new caller can never slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  private async place(): Promise<void> {
    if (this.running < (this.options.concurrency ?? 8)) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private async send(req: OwnRequest): Promise<OwnResponse> {
    const started = performance.now();
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      const response = await request(req.url, {
        method: req.method as 'GET',
        headers: { 'user-agent': this.options.userAgent ?? 'clerk-status-bot (own check)', ...req.headers },
        dispatcher: this.agent,
        signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const body = await readBounded(response.body, signal);
      return { status: response.statusCode, body, latencyMs: performance.now() - started };
    } catch (error) {
      const latencyMs = performance.now() - started;
      // The kind only: an error's own message can carry the URL, and a URL can carry a token.
      const kind = signal.aborted ? 'timeout' : networkErrorKind(error);
      return {
        latencyMs,
        error:
          kind === 'timeout'
            ? `timeout after ${Math.round(req.timeoutMs / 100) / 10} s`
            : NETWORK_WORDS[kind],
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** At most BODY_LIMIT bytes of the body as text; the rest is not read (the connection is dropped instead). */
async function readBounded(
  body: AsyncIterable<Buffer> & { destroy(): void },
  signal: AbortSignal,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (signal.aborted) break;
    chunks.push(chunk);
    size += chunk.length;
    if (size >= BODY_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8');
}
