/** The fake Slack's data: channels, users, messages as Slack keeps them, recorded calls and faults. */
export interface FakeChannel {
  id: string;
  name: string;
  /** Workspace, for per-workspace rate limits (default: the fake's teamId). */
  team?: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  isIm?: boolean;
  botIsMember?: boolean;
  /** conversations.join answers this error (workspace policy), instead of joining. */
  joinError?: string;
  members?: string[];
}

export interface FakeUser {
  id: string;
  isGuest?: boolean;
  /** Deactivated: a DM with them refuses posts (`user_disabled`). */
  deactivated?: boolean;
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
  /** Slack does the call (the message exists), then answers `ok:false` with this error (internal_error can). */
  | { kind: 'error_after'; error: string }
  /** Slack accepts the call, then answers only after `ms` (long enough for a client timeout or a kill). */
  | { kind: 'hang_after'; ms: number };
