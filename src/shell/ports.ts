/**
 * The small interfaces the shell does its I/O through. Adapters implement them; tests use the real
 * adapters over loopback (fake servers, temp files, a real Redis), never mocks of these.
 */
import type { BotEvent } from '../core/model.js';

/**
 * Key-value state. Every method throws STORE_UNAVAILABLE when the backend fails: an unseen error must
 * never read as "never delivered" and repeat an alert. Values are JSON-serializable.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Atomically writes the value only if the key is absent; true when this call wrote it. */
  setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean>;
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
  readonly kind: 'file' | 'redis';
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
  /** The ts of a message we posted earlier with this delivery id in its metadata, if Slack has it. */
  find(teamId: string, channelId: string, deliveryId: string, threadTs?: string): Promise<string | undefined>;
}
