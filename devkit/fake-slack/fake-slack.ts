/**
 * A fake Slack Web API on loopback, reached through the WebClient's slackApiUrl (and response_urls that point
 * at it). It records every call, answers from a table of Web API methods (methods/, one file per family) over
 * the workspace state it inherits, enforces posting limits when asked, and injects faults: 429 with
 * Retry-After, 5xx, connection resets, slow answers, Slack error codes, and calls accepted whose answer is lost.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PostingLimitOptions, PostingLimits } from './limits.js';
import { METHODS } from './methods/index.js';
import type { RecordedCall, SlackFault } from './types.js';
import { FakeWorkspace } from './workspace.js';

export type { FakeChannel, FakeMessage, FakeUser, RecordedCall, SlackActivity, SlackFault } from './types.js';

const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export class FakeSlack extends FakeWorkspace {
  readonly calls: RecordedCall[] = [];
  /** Every injected fault that a call actually hit, so a fault test can prove its faults fired. */
  readonly faultsFired: string[] = [];
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** How many posts the limits turned away with 429. */
  rateLimited = 0;
  private readonly faults = new Map<string, SlackFault[]>();
  private readonly persistentFaults = new Map<string, SlackFault>();
  private limits: PostingLimits | undefined;
  private chatCalls = 0;
  private holdAt = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    super();
  }

  static async start(): Promise<FakeSlack> {
    let slack: FakeSlack | undefined;
    const server = createServer((req, res) => {
      slack?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    slack = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return slack;
  }

  /** The slackApiUrl to give the WebClient. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url Bolt's respond() will post to. */
  responseUrl(id = 'cmd'): string {
    return `${this.url}/respond/${id}`;
  }

  /** Enforce Slack's posting limits: about one message per second per channel, a budget per workspace. */
  enforceLimits(limits: PostingLimitOptions): void {
    this.limits = new PostingLimits(limits);
  }

  /** The n-th chat.* call from now is accepted and then never answered (the caller is killed meanwhile). */
  holdChatCall(n: number): void {
    this.holdAt = this.chatCalls + n;
  }

  /** Faults injected but not hit by any call yet. */
  unfiredFaults(): number {
    return [...this.faults.values()].reduce((n, list) => n + list.length, 0);
  }

  /** The next calls of `method` fail this way, one fault per call. */
  failNext(method: string, ...faults: SlackFault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Every call of `method` fails this way until cleared with `failAlways(method, undefined)`. */
  failAlways(method: string, fault: SlackFault | undefined): void {
    if (fault) this.persistentFaults.set(method, fault);
    else this.persistentFaults.delete(method);
  }

  /** Forgets every fault not fired yet. */
  clearFaults(): void {
    this.faults.clear();
    this.persistentFaults.clear();
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private overLimit(method: string, channelId: string): number | undefined {
    const team = this.channels.get(channelId)?.team ?? this.teamId;
    if (method === 'chat.postMessage') return this.limits?.check(channelId, team);
    if (method === 'chat.update') return this.limits?.checkUpdate(team);
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    if (path.startsWith('/respond/')) {
      this.responses.push({ path, body: args });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const token =
      (req.headers.authorization ?? '').replace(/^Bearer /, '') || (args.token as string | undefined);
    this.calls.push({ method, args, at: Date.now(), ...(token ? { token } : {}) });

    if (method.startsWith('chat.')) this.chatCalls += 1;
    const held =
      this.holdAt === this.chatCalls && method.startsWith('chat.')
        ? ({ kind: 'hang_after', ms: 60_000 } as const)
        : undefined;
    const fault = held ?? this.faults.get(method)?.shift() ?? this.persistentFaults.get(method);
    if (fault) this.faultsFired.push(`${method}:${fault.kind}`);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'rate_limited') {
      res.writeHead(429, {
        'retry-after': String(fault.retryAfterSeconds),
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const wait = fault ? undefined : this.overLimit(method, String(args.channel ?? ''));
    if (wait !== undefined) {
      this.rateLimited += 1;
      res.writeHead(429, { 'retry-after': String(Math.max(1, wait)), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (fault?.kind === 'http') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('upstream failure');
      return;
    }
    const done =
      fault?.kind === 'error'
        ? { ok: false, error: fault.error }
        : (METHODS[method]?.(this, args, token) ?? { ok: false, error: 'unknown_method' });
    const body = fault?.kind === 'error_after' ? { ok: false, error: fault.error } : done;
    if (fault?.kind === 'reset_after') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang_after') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (res.destroyed || req.socket.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_ARGS.has(key) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
