/**
 * A fake Slack Web API on loopback, reached through the WebClient's slackApiUrl (and response_urls that point
 * at it). It records every call, keeps channels, users and messages (threads, edits, metadata), and can
 * inject faults: 429 with Retry-After, 5xx, connection resets, slow answers and Slack error codes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeChannel {
  id: string;
  name: string;
  /** Workspace, for per-workspace rate limits (default: the fake's teamId). */
  team?: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  isIm?: boolean;
  botIsMember?: boolean;
  members?: string[];
}

export interface FakeUser {
  id: string;
  isGuest?: boolean;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  replyBroadcast?: boolean;
  edits: { text: string; blocks?: unknown[] }[];
  team: string;
}

/** What happened in a channel, as people would notice it. */
export type SlackActivity =
  | { kind: 'post'; message: FakeMessage }
  | { kind: 'reply'; message: FakeMessage; parent: FakeMessage | undefined }
  | { kind: 'edit'; message: FakeMessage; before: string };

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  at: number;
}

export type SlackFault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'http'; status: number }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  | { kind: 'error'; error: string }
  /** Slack accepts the call (the message exists), then the connection drops before the answer. */
  | { kind: 'reset_after' }
  /** Slack accepts the call, then answers only after `ms` (long enough for a client timeout or a kill). */
  | { kind: 'hang_after'; ms: number };

const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Called for every post, reply and edit (the simulator prints them). */
  onActivity: ((activity: SlackActivity) => void) | undefined;
  /** Every injected fault that a call actually hit, so a fault test can prove its faults fired. */
  readonly faultsFired: string[] = [];
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  readonly messages: FakeMessage[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  userGroups: { id: string; handle: string }[] = [{ id: 'S0ONCALL', handle: 'oncall' }];
  teamId = 'T0TEAM';
  /** Workspaces the OAuth flow can install into: code → what oauth.v2.access answers. */
  readonly oauthCodes = new Map<string, { teamId: string; token: string; botUserId: string }>();
  /** Where apps.connections.open sends Socket Mode clients. */
  socketModeUrl: string | undefined;
  /** Token → workspace, for auth.test and to tell workspaces apart in recorded calls. */
  readonly tokenTeams = new Map<string, string>();
  botUserId = 'U0BOT';
  private faults = new Map<string, SlackFault[]>();
  private tsCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

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

  addChannel(channel: FakeChannel): void {
    this.channels.set(channel.id, { botIsMember: !channel.isPrivate, members: [], ...channel });
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  private chatCalls = 0;
  private limits: { perChannelMs: number; perWorkspacePerMinute: number } | undefined;
  private readonly lastPost = new Map<string, number>();
  private readonly workspacePosts = new Map<string, number[]>();
  /** How many posts the limits turned away with 429. */
  rateLimited = 0;

  /** Enforce Slack's posting limits: about one message per second per channel, a budget per workspace. */
  enforceLimits(limits: { perChannelMs: number; perWorkspacePerMinute: number }): void {
    this.limits = limits;
  }

  /** Seconds to wait if this post breaks a limit, else undefined (and the post is counted). */
  private overLimit(channelId: string): number | undefined {
    if (!this.limits) return undefined;
    const now = Date.now();
    const team = this.channels.get(channelId)?.team ?? this.teamId;
    const last = this.lastPost.get(channelId) ?? 0;
    // Slack allows short bursts; a small tolerance keeps a well-paced client out of trouble.
    if (now - last < this.limits.perChannelMs * 0.9)
      return Math.ceil((this.limits.perChannelMs - (now - last)) / 1000);
    const window = (this.workspacePosts.get(team) ?? []).filter((t) => now - t < 60_000);
    if (window.length >= this.limits.perWorkspacePerMinute)
      return Math.ceil((60_000 - (now - (window[0] ?? now))) / 1000);
    window.push(now);
    this.workspacePosts.set(team, window);
    this.lastPost.set(channelId, now);
    return undefined;
  }
  private holdAt = 0;

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

  /** Someone deletes a message in Slack. */
  deleteMessage(channel: string, ts: string): void {
    const index = this.messages.findIndex((m) => m.channel === channel && m.ts === ts);
    if (index >= 0) this.messages.splice(index, 1);
  }

  /** Every message id the bot attached, to prove none was posted twice. */
  deliveryIds(): string[] {
    return this.messages.flatMap((m) => {
      const id = m.metadata?.event_payload.delivery_id;
      return typeof id === 'string' ? [id] : [];
    });
  }

  /** A channel as people see it: parents with their thread replies indented, edits and broadcasts marked. */
  transcript(channel: string): string[] {
    const lines: string[] = [];
    for (const parent of this.parents(channel)) {
      lines.push(`${parent.text}${parent.edits.length > 0 ? ` [edited ${parent.edits.length}x]` : ''}`);
      for (const reply of this.replies(channel, parent.ts))
        lines.push(`  ${reply.replyBroadcast ? '(broadcast) ' : ''}${reply.text}`);
    }
    return lines;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Top-level messages of a channel, oldest first. */
  parents(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.threadTs);
  }

  replies(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === threadTs);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
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
    const fault = held ?? this.faults.get(method)?.shift();
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
    const wait =
      method === 'chat.postMessage' && !fault ? this.overLimit(String(args.channel ?? '')) : undefined;
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
    const body =
      fault?.kind === 'error' ? { ok: false, error: fault.error } : this.answer(method, args, token);
    if (fault?.kind === 'reset_after') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang_after') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (res.destroyed || req.socket.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${1_800_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, args: Record<string, unknown>, token?: string): Record<string, unknown> {
    const channelId = String(args.channel ?? '');
    const channel = this.channels.get(channelId);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: this.botUserId,
          bot_id: 'B0BOT',
          team_id: (token && this.tokenTeams.get(token)) ?? this.teamId,
          user: 'clerk_status',
          team: 'Test',
        };
      case 'apps.connections.open':
        if (!token?.startsWith('xapp-')) return { ok: false, error: 'invalid_auth' };
        return this.socketModeUrl
          ? { ok: true, url: this.socketModeUrl }
          : { ok: false, error: 'socket_mode_not_enabled' };
      case 'oauth.v2.access': {
        const grant = this.oauthCodes.get(String(args.code));
        if (!grant) return { ok: false, error: 'invalid_code' };
        this.tokenTeams.set(grant.token, grant.teamId);
        return {
          ok: true,
          app_id: 'A0APP',
          authed_user: { id: 'U0ADMIN' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: grant.token,
          bot_user_id: grant.botUserId,
          team: { id: grant.teamId, name: grant.teamId },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case 'conversations.info':
        if (!channel || (channel.isPrivate && !channel.botIsMember))
          return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: channel.id,
            name: channel.name,
            is_private: Boolean(channel.isPrivate),
            is_archived: Boolean(channel.isArchived),
            is_im: Boolean(channel.isIm),
            is_member: Boolean(channel.botIsMember),
          },
        };
      case 'conversations.members':
        if (!channel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, members: channel.members ?? [], response_metadata: { next_cursor: '' } };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: user.id, is_restricted: Boolean(user.isGuest), is_ultra_restricted: false },
        };
      }
      case 'usergroups.list':
        return { ok: true, usergroups: this.userGroups };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${this.calls.length}` } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.postMessage': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (channel.isArchived) return { ok: false, error: 'is_archived' };
        if (channel.isPrivate && !channel.botIsMember) return { ok: false, error: 'not_in_channel' };
        const threadTs = args.thread_ts ? String(args.thread_ts) : undefined;
        if (threadTs && !this.messages.some((m) => m.channel === channelId && m.ts === threadTs)) {
          return { ok: false, error: 'thread_not_found' };
        }
        const message: FakeMessage = {
          channel: channelId,
          ts: this.nextTs(),
          text: String(args.text ?? ''),
          edits: [],
          team: token ?? '',
          ...(threadTs ? { threadTs } : {}),
          ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
          ...(args.metadata ? { metadata: args.metadata as FakeMessage['metadata'] } : {}),
          ...(args.reply_broadcast === true || args.reply_broadcast === 'true'
            ? { replyBroadcast: true }
            : {}),
        };
        this.messages.push(message);
        this.onActivity?.(
          message.threadTs
            ? {
                kind: 'reply',
                message,
                parent: this.messages.find((m) => m.channel === channelId && m.ts === message.threadTs),
              }
            : { kind: 'post', message },
        );
        return { ok: true, channel: channelId, ts: message.ts, message: { text: message.text } };
      }
      case 'chat.update': {
        const message = this.messages.find((m) => m.channel === channelId && m.ts === String(args.ts));
        if (!message) return { ok: false, error: 'message_not_found' };
        const text = String(args.text ?? message.text);
        // An edit that changes nothing is invisible in Slack (idempotent re-sends after a crash are fine).
        if (text !== message.text || JSON.stringify(args.blocks) !== JSON.stringify(message.blocks)) {
          message.edits.push({ text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
          this.onActivity?.({ kind: 'edit', message: { ...message, text }, before: message.text });
        }
        message.text = text;
        if (args.blocks) message.blocks = args.blocks as unknown[];
        return { ok: true, channel: channelId, ts: message.ts };
      }
      case 'conversations.history': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const limit = Number(args.limit ?? 100);
        const list = this.parents(channelId).reverse().slice(0, limit);
        return { ok: true, messages: list.map((m) => this.wire(m, args)), has_more: false };
      }
      case 'conversations.replies': {
        const ts = String(args.ts);
        const parent = this.messages.find((m) => m.channel === channelId && m.ts === ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        return {
          ok: true,
          messages: [parent, ...this.replies(channelId, ts)].map((m) => this.wire(m, args)),
          has_more: false,
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private wire(message: FakeMessage, args: Record<string, unknown>) {
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    return {
      ts: message.ts,
      text: message.text,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
    };
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
