/**
 * Probes the team's own Clerk instance with undici: read-only GETs, short timeouts, no retries (each round is one
 * sample). Frontend API /v1/health and /v1/environment (its maintenance_mode flag) every round; with the secret
 * key, Backend API /v1/jwks every round and /v1/users/count at most once a minute (it spends the customer's rate
 * limit). A 429's Retry-After spaces the next request to that endpoint; the skipped round still counts the 429.
 * Never sign-in or sign-up endpoints. The secret key goes in one header and nowhere else.
 */
import { Agent, type Dispatcher, request } from 'undici';
import { z } from 'zod';
import type { ClerkProber } from '../../app/ports/clerk.js';
import { classify, type RawAnswer } from '../../core/early-warning/probes.js';
import type { ProbeEndpoint, ProbeResult } from '../../core/events/probes.js';
import { networkErrorKind } from '../http/network-error.js';

export interface ProbeClientOptions {
  frontendApiUrl: string;
  backend?: { apiUrl: string; secretKey: string };
  timeoutMs: number;
  slowMs: number;
  usersCountEveryMs: number;
  userAgent?: string;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_RETRY_AFTER_MS = 5 * 60_000;
const environmentBody = z.looseObject({
  auth_config: z.looseObject({}),
  maintenance_mode: z.boolean().optional(),
});

/**
 * What each endpoint answers when it works. A 2xx that is not this (an HTML error page from a proxy or CDN, an empty
 * body) is not health, and the reason is shown with the warning.
 */
const BODY_SHAPES: Record<ProbeEndpoint, z.ZodType> = {
  'frontend.health': z.looseObject({ status: z.string() }),
  'frontend.environment': environmentBody,
  'backend.jwks': z.looseObject({ keys: z.array(z.unknown()) }),
  'backend.users_count': z.looseObject({ total_count: z.number() }),
};

/** Reads a 2xx body and checks it is the endpoint's JSON: what was wrong, or nothing. */
async function unexpectedBody(
  endpoint: ProbeEndpoint,
  body: Dispatcher.ResponseData['body'],
  contentType: string | string[] | undefined,
): Promise<{ unexpected?: string; json?: unknown }> {
  const text = await body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The content type is outside text on its way to Slack: only a plain MIME token is named.
    const raw =
      String(Array.isArray(contentType) ? contentType[0] : (contentType ?? ''))
        .split(';')[0]
        ?.trim() ?? '';
    const type = /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/i.test(raw) ? raw : 'no recognizable content type';
    return { unexpected: `not JSON (${type})` };
  }
  const shape = BODY_SHAPES[endpoint].safeParse(json);
  if (shape.success) return { json };
  const field = String(shape.error.issues[0]?.path[0] ?? 'body');
  return { unexpected: `JSON without the expected ${field}` };
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

export class ClerkProbeClient implements ClerkProber {
  private readonly agent: Agent;
  private lastUsersCount = Number.NEGATIVE_INFINITY;
  /** Endpoints spaced by a 429's Retry-After: until when, and the result that stands meanwhile. */
  private readonly backoff = new Map<ProbeEndpoint, { until: number; result: ProbeResult }>();

  constructor(private readonly options: ProbeClientOptions) {
    this.agent = new Agent({
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 30_000,
      maxResponseSize: MAX_BODY_BYTES,
    });
  }

  /** One round: every due endpoint at once; resolves within the timeout whatever the targets do. */
  async round(signal?: AbortSignal): Promise<ProbeResult[]> {
    const { frontendApiUrl, backend } = this.options;
    const due: [ProbeEndpoint, string, Record<string, string>][] = [
      ['frontend.health', `${frontendApiUrl}/v1/health`, {}],
      ['frontend.environment', `${frontendApiUrl}/v1/environment`, {}],
    ];
    if (backend) {
      const auth = { authorization: `Bearer ${backend.secretKey}` };
      due.push(['backend.jwks', `${backend.apiUrl}/v1/jwks`, auth]);
      if (Date.now() - this.lastUsersCount >= this.options.usersCountEveryMs) {
        this.lastUsersCount = Date.now();
        due.push(['backend.users_count', `${backend.apiUrl}/v1/users/count`, auth]);
      }
    }
    return Promise.all(due.map(([endpoint, url, headers]) => this.probe(endpoint, url, headers, signal)));
  }

  private async probe(
    endpoint: ProbeEndpoint,
    url: string,
    headers: Record<string, string>,
    outer?: AbortSignal,
  ): Promise<ProbeResult> {
    const spaced = this.backoff.get(endpoint);
    if (spaced && Date.now() < spaced.until) return spaced.result;
    this.backoff.delete(endpoint);
    const started = performance.now();
    const signals = [AbortSignal.timeout(this.options.timeoutMs), ...(outer ? [outer] : [])];
    let answer: RawAnswer;
    let maintenanceMode: boolean | undefined;
    try {
      const response = await request(url, {
        dispatcher: this.agent,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': this.userAgent(), ...headers },
        signal: AbortSignal.any(signals),
      });
      let unexpected: string | undefined;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const read = await unexpectedBody(endpoint, response.body, response.headers['content-type']);
        unexpected = read.unexpected;
        if (endpoint === 'frontend.environment' && read.json !== undefined)
          maintenanceMode = environmentBody.safeParse(read.json).data?.maintenance_mode;
      } else await response.body.dump();
      const latencyMs = performance.now() - started;
      answer = {
        kind: 'answer',
        status: response.statusCode,
        latencyMs,
        ...(unexpected ? { unexpected } : {}),
      };
      const result = this.result(endpoint, answer, maintenanceMode);
      const wait = response.statusCode === 429 ? retryAfterMs(response.headers['retry-after']) : undefined;
      if (wait !== undefined) this.backoff.set(endpoint, { until: Date.now() + wait, result });
      return result;
    } catch (error) {
      answer = { kind: 'error', error: networkErrorKind(error), latencyMs: performance.now() - started };
      return this.result(endpoint, answer, undefined);
    }
  }

  private result(
    endpoint: ProbeEndpoint,
    answer: RawAnswer,
    maintenanceMode: boolean | undefined,
  ): ProbeResult {
    return {
      endpoint,
      outcome: classify(answer, this.options.slowMs),
      ...(answer.kind === 'answer' ? { status: answer.status } : {}),
      latencyMs: Math.round(answer.latencyMs),
      ...(maintenanceMode !== undefined ? { maintenanceMode } : {}),
      ...(answer.kind === 'answer' && answer.unexpected ? { reason: answer.unexpected } : {}),
    };
  }

  private userAgent(): string {
    return this.options.userAgent ?? 'clerk-status-bot early-warning probe';
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
