/**
 * Every port of the application layer, in one place. Driven ports (store, status page, Slack, clock, log,
 * observers) are what the use cases call; adapters implement them. Driving ports (commands, App Home,
 * workspace lifecycle, status) are what the Slack listeners call; the use cases implement them. Tests use the
 * real adapters over loopback (fake servers, temp files, a real Redis), never mocks of these.
 */
import type { BotEvent } from '../core/detect/events.js';
import type { ProbeResult } from '../core/early-warning/probes.js';
import type { SignalPhase, SignalState } from '../core/early-warning/signal.js';
import type { BotError } from '../core/errors.js';
import type { UserGroup, ViewStateValues } from '../core/render/settings-modal.js';
import type { RenderedMessage, RenderedModal } from '../core/render/types.js';
import type { Snapshot } from '../core/status-page/model.js';
import type { Intent } from '../core/subscriptions/command.js';
import type { ChannelFacts, UserFacts } from '../core/subscriptions/permissions.js';

/** One write of an atomic batch. */
export type StoreWrite =
  | { op: 'set'; key: string; value: unknown; ttlMs?: number }
  | { op: 'delete'; key: string }
  /** Adds a member to a named index (a set); idempotent. */
  | { op: 'indexAdd'; index: string; member: string }
  | { op: 'indexRemove'; index: string; member: string };

/**
 * Key-value state with the few atomic operations exactly-once needs. Every method throws STORE_UNAVAILABLE when
 * the backend fails: an unseen error must never read as "never delivered" and repeat an alert, and a failed
 * write leaves nothing behind. Values are JSON-serializable.
 */
export interface Store {
  readonly kind: 'sqlite' | 'redis';
  get<T>(key: string): Promise<T | undefined>;
  /** Values of several keys in one round trip, in the order asked. */
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Applies every write or none, in one round trip. */
  write(writes: StoreWrite[]): Promise<void>;
  /** The members of a named index, sorted. */
  members(index: string): Promise<string[]>;
  /** Atomically writes the value only if the key is absent; true when this call wrote it. */
  setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean>;
  /** Set-if-absent that also says what is there when it did not write: one round trip either way. */
  claim<T>(
    key: string,
    value: T,
    ttlMs?: number,
  ): Promise<{ claimed: true } | { claimed: false; current: T }>;
  /**
   * Atomically writes `next` only if the key still holds `expected` (or is absent, when `expected` is
   * undefined); true when it did. Read-modify-write on shared keys goes through this.
   */
  compareAndSet<T>(key: string, expected: T | undefined, next: T, ttlMs?: number): Promise<boolean>;
  /** Atomically deletes the key only if it holds `expected`; true when this call deleted it. */
  compareAndDelete<T>(key: string, expected: T): Promise<boolean>;
  /** Atomically sets the key's expiry only if it holds `expected`; true when it did. */
  compareAndExpire<T>(key: string, expected: T, ttlMs: number): Promise<boolean>;
  /** Throws when the backend does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raw documents from the status page, not yet validated. */
export interface StatusDocuments {
  summary: unknown;
  incidents: unknown;
  /** Bytes read from the network in this fetch (0 for 304s). */
  bytes: number;
  /** How many of the two documents answered 304 Not Modified. */
  notModified: number;
}

export interface StatusSource {
  fetch(signal?: AbortSignal): Promise<StatusDocuments>;
  close(): Promise<void>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Where events go once detected: console lines, or Slack channels. */
export interface EventSink {
  /**
   * Delivers queued events, oldest first, and returns the ids of those every recipient now has (or can
   * never have). The rest stay queued and come back on the next call.
   */
  deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]>;
}

export interface OutgoingMessage {
  text: string;
  blocks: unknown[];
}

/**
 * Slack, as delivery needs it. Failures throw SlackSendError, classified by what they mean for the
 * delivery; pacing and rate limits are the sender's business.
 */
export interface MessageSender {
  post(
    teamId: string,
    channelId: string,
    message: OutgoingMessage,
    options: { deliveryId: string; threadTs?: string; broadcast?: boolean },
  ): Promise<{ ts: string }>;
  update(teamId: string, channelId: string, ts: string, message: OutgoingMessage): Promise<void>;
  /**
   * The ts of a message we posted earlier with this delivery id in its metadata, if Slack has it. Looks no further
   * back than `oldestMs` (when the delivery was first claimed), paging until it passes it.
   */
  find(
    teamId: string,
    channelId: string,
    deliveryId: string,
    options: { threadTs?: string; oldestMs: number },
  ): Promise<string | undefined>;
}

/** Structured logging as the use cases need it (pino's logger fits it as is). */
export interface Log {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type PollOutcome =
  | { ok: true; seeded: boolean; events: BotEvent[] }
  | { ok: false; error: BotError; events: BotEvent[] };

export interface PollObserver {
  polled?(outcome: PollOutcome, durationMs: number): void;
  fetched?(bytes: number, notModified: number): void;
}

export type DeliveryOutcome =
  | 'sent'
  | 'found'
  | 'skipped_sent'
  | 'rate_limited'
  | 'retried'
  | 'dropped'
  | 'busy'
  /** Sent again because an earlier attempt could not be looked up (at least once rather than lost). */
  | 'unverified_resend'
  /** Refused by Slack, then sent re-rendered minimal. */
  | 'rerendered'
  /** Waiting on a configuration error (a missing scope). */
  | 'config_error';

export interface DeliveryObserver {
  subscriptions?(all: { teamId: string }[]): void;
  delivery?(outcome: DeliveryOutcome, reason?: string): void;
  latency?(eventAt: string, sentAt: number): void;
  /** A subscription ended for good (Slack's reason code). */
  subscriptionEnded?(reason: string): void;
}

/** The team's own Clerk instance, probed read-only; one round resolves within its timeout whatever Clerk does. */
export interface ClerkProber {
  round(signal?: AbortSignal): Promise<ProbeResult[]>;
  close(): Promise<void>;
}

/** Something independent of Clerk the bot reaches anyway: false only when nothing answers (our own network). */
export interface ControlCheck {
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ProbeObserver {
  probed?(results: ProbeResult[]): void;
  /** The signal's phase after a round (healthy, suspect, warning, confirmed). */
  phase?(phase: SignalPhase): void;
  /** A warning was confirmed by an official incident this long before Clerk's first word. */
  lead?(leadMs: number): void;
}

export interface LeaderObserver {
  leader?(isLeader: boolean): void;
  /** Whether the store answered the last tick. */
  store?(up: boolean): void;
}

/** Readiness as /readyz reports it: started and able to answer Slack. */
export interface Readiness {
  ready: boolean;
  mode: string;
}

/** Publishes a user's App Home view in a workspace. */
export interface HomePublisher {
  publish(teamId: string, userId: string, view: unknown): Promise<void>;
}

/** What the permission rule needs from Slack, looked up with the requesting workspace's client. */
export interface SlackDirectory {
  channel(channelId: string): Promise<ChannelFacts>;
  user(channelId: string, userId: string): Promise<UserFacts>;
  /** The workspace's user groups (empty when the scope is missing). */
  userGroups(): Promise<UserGroup[]>;
  /** Joins a public channel, so the bot can look its own posts up there; why not, when it could not. */
  join(channelId: string): Promise<{ joined: true } | { joined: false; reason: string }>;
}

/** Entries of the JSON-file version's state file: key → keyv envelope string and absolute expiry. */
export type LegacyEntries = Record<string, { value: string; expires?: number }>;

/** The JSON-file version's state file, if one is there: read once, then set aside. */
export interface LegacyState {
  readonly path: string;
  read(): Promise<LegacyEntries | undefined>;
  markMigrated(): Promise<void>;
}

/** Installations of a multi-workspace (OAuth) install. */
export interface Installations {
  remove(teamId: string): Promise<void>;
}

// ---- driving ports: what the Slack listeners call ----

/** What the bot knows now, from memory: never fetched on a request's path. */
export interface StatusQuery {
  current(): { snapshot: Snapshot | undefined; lastCheckedAt: string | undefined };
}

/** What the early-warning probes see now, from memory (undefined when they do not run). */
export interface ProbeQuery {
  current(): SignalState | undefined;
}

export interface CommandContext {
  teamId: string;
  channelId: string;
  channelName: string;
  userId: string;
  botUserId?: string;
}

export interface CommandAnswer {
  /** Shown to the caller (ephemeral) or in the channel. */
  reply?: RenderedMessage;
  /** A modal to open with the command's trigger. */
  modal?: RenderedModal;
}

export interface SettingsSubmission {
  teamId: string;
  userId: string;
  botUserId?: string;
  /** The modal's private_metadata and state values, as Slack sent them. */
  privateMetadata: string;
  values: ViewStateValues;
}

/** `/clerk-status` and the settings modal. */
export interface ChannelCommandsPort {
  /** Answers that need no Slack lookup: status, help, usage. */
  answerNow(intent: Intent): { reply: RenderedMessage; inChannel: boolean } | undefined;
  /** Subscribe, unsubscribe, settings: checks permission through `directory`, then changes what it may. */
  change(intent: Intent, context: CommandContext, directory: SlackDirectory): Promise<CommandAnswer>;
  /** Saves a settings form; field errors when it may not, else the confirmation for the channel. */
  saveSettings(
    submission: SettingsSubmission,
    directory: SlackDirectory,
  ): Promise<{ errors: Record<string, string> } | { confirmation: RenderedMessage; channelId: string }>;
}

export interface AppHomePort {
  opened(teamId: string, userId: string): Promise<void>;
}

/** A vote on an early warning's buttons (Seeing it too / Not affected here). */
export interface WarningVote {
  teamId: string;
  channelId: string;
  userId: string;
  warningId: string;
  choice: 'seeing' | 'notAffected';
  /** The warning message the button is on. */
  messageTs: string;
}

export interface EarlyWarningPort {
  vote(vote: WarningVote): Promise<void>;
}

export interface WorkspaceLifecyclePort {
  /** The workspace uninstalled the app or revoked its bot token. */
  removed(teamId: string, reason: string): Promise<void>;
}
