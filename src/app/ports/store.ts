/**
 * The store, as the use cases need it: key-value state with the few atomic operations exactly-once needs, and the
 * JSON-file version's state file (read once at upgrade). Adapters: adapters/store/ (SQLite, Redis).
 */
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
  /**
   * What about the backend's setup could lose data, in words for an operator (Redis: an eviction policy other than
   * `noeviction`); empty when nothing can be said against it.
   */
  warnings(): Promise<string[]>;
  close(): Promise<void>;
}

/** Entries of the JSON-file version's state file: key → keyv envelope string and absolute expiry. */
export type LegacyEntries = Record<string, { value: string; expires?: number }>;

/** The JSON-file version's state file, if one is there: read once, then set aside. */
export interface LegacyState {
  readonly path: string;
  read(): Promise<LegacyEntries | undefined>;
  markMigrated(): Promise<void>;
}
