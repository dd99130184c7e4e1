/**
 * The Store port over keyv. keyv does get/set/delete, batched reads and TTLs for both backends; what keyv lacks
 * (atomic batches, set-if-absent, compare-and-set/delete/expire, indexes) comes from the backend itself: SQLite
 * transactions, or Redis SET NX PX, MULTI and Lua. keyv is told to throw, and every failure is rethrown as
 * STORE_UNAVAILABLE, so a backend error can never read as "absent".
 */
import Keyv from 'keyv';
import type { Store, StoreWrite } from '../../app/ports/store.js';
import { BotError } from '../../core/errors.js';

/** What a backend adds to keyv; values are keyv envelopes `{"value":…,"expires":…}` as stored strings. */
export interface AtomicOps {
  claim(
    key: string,
    value: unknown,
    ttlMs: number | undefined,
  ): Promise<{ claimed: true } | { claimed: false; current: unknown }>;
  compareAndSet(key: string, expected: unknown, next: unknown, ttlMs: number | undefined): Promise<boolean>;
  compareAndDelete(key: string, expected: unknown): Promise<boolean>;
  compareAndExpire(key: string, expected: unknown, ttlMs: number): Promise<boolean>;
  write(writes: StoreWrite[]): Promise<void>;
  members(index: string): Promise<string[]>;
  ping(): Promise<void>;
}

export class KeyvStore implements Store {
  constructor(
    readonly kind: 'sqlite' | 'redis',
    private readonly keyv: Keyv,
    private readonly atomics: AtomicOps,
    private readonly closeBackend: () => Promise<void>,
    /** What about the backend's setup could lose data (the Store port's `warnings`). */
    private readonly setupWarnings: () => Promise<string[]> = async () => [],
    /**
     * A networked backend's deadline per operation. node-redis times a command out only until it is written: a Redis
     * that stops answering (frozen, or a partition that keeps the connection open) would hang every caller, the poll,
     * the deliveries, /status and the 3-second Slack acks with them. Past the deadline the operation fails as
     * STORE_UNAVAILABLE; it may still apply later, which every caller already allows for (an unanswered write is
     * ambiguous, like a lost reply).
     */
    private readonly answerWithinMs?: number,
  ) {}

  warnings(): Promise<string[]> {
    return this.setupWarnings();
  }

  private async guard<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
    try {
      if (this.answerWithinMs === undefined) return await run();
      const late = `Store ${this.kind} did not answer ${operation} ${key} within ${this.answerWithinMs} ms`;
      return await withinDeadline(run(), this.answerWithinMs, late);
    } catch (error) {
      if (error instanceof BotError) throw error;
      throw new BotError('STORE_UNAVAILABLE', `Store ${this.kind}: ${operation} ${key} failed`, {
        cause: error,
      });
    }
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.guard('get', key, async () => (await this.keyv.get<T>(key)) ?? undefined);
  }

  getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.guard('getMany', `${keys.length} keys`, async () =>
      (await this.keyv.get<T>(keys)).map((value) => value ?? undefined),
    );
  }

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.guard('set', key, async () => {
      const ok = await this.keyv.set(key, value, ttlMs);
      if (!ok) throw new BotError('STORE_UNAVAILABLE', `Store ${this.kind}: set ${key} was not accepted`);
    });
  }

  delete(key: string): Promise<boolean> {
    return this.guard('delete', key, () => this.keyv.delete(key));
  }

  write(writes: StoreWrite[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return this.guard('write', `${writes.length} writes`, () => this.atomics.write(writes));
  }

  members(index: string): Promise<string[]> {
    return this.guard('members', index, () => this.atomics.members(index));
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    return (await this.claim(key, value, ttlMs)).claimed;
  }

  claim<T>(
    key: string,
    value: T,
    ttlMs?: number,
  ): Promise<{ claimed: true } | { claimed: false; current: T }> {
    return this.guard('claim', key, () => this.atomics.claim(key, value, ttlMs)) as Promise<
      { claimed: true } | { claimed: false; current: T }
    >;
  }

  compareAndSet<T>(key: string, expected: T | undefined, next: T, ttlMs?: number): Promise<boolean> {
    return this.guard('compareAndSet', key, async () =>
      expected === undefined
        ? (await this.atomics.claim(key, next, ttlMs)).claimed
        : this.atomics.compareAndSet(key, expected, next, ttlMs),
    );
  }

  compareAndDelete<T>(key: string, expected: T): Promise<boolean> {
    return this.guard('compareAndDelete', key, () => this.atomics.compareAndDelete(key, expected));
  }

  compareAndExpire<T>(key: string, expected: T, ttlMs: number): Promise<boolean> {
    return this.guard('compareAndExpire', key, () => this.atomics.compareAndExpire(key, expected, ttlMs));
  }

  ping(): Promise<void> {
    return this.guard('ping', '', () => this.atomics.ping());
  }

  async close(): Promise<void> {
    await this.closeBackend();
  }
}

function withinDeadline<T>(operation: Promise<T>, ms: number, late: string): Promise<T> {
  operation.catch(() => {}); // a late failure after the deadline has nobody left to tell
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BotError('STORE_UNAVAILABLE', late)), ms);
  });
  return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
}

/** The envelope keyv stores: the value and its absolute expiry, as one JSON string. */
export function envelope(value: unknown, ttlMs: number | undefined, now = Date.now()): string {
  return JSON.stringify({ value, expires: ttlMs ? now + ttlMs : undefined });
}

export function createKeyv(store: Keyv['store'], namespace: string): Keyv {
  // Plain JSON both ways, so envelopes written by the atomic operations read back through keyv unchanged (keyv's
  // default serializer would also rewrite any string starting with ":base64:").
  const keyv = new Keyv({
    store,
    namespace,
    throwOnErrors: true,
    useKeyPrefix: false,
    serialize: (data) => JSON.stringify(data),
    deserialize: (text) => JSON.parse(text),
  });
  // keyv emits and throws; the throw is what we act on, so the emit needs only a listener to be harmless.
  keyv.on('error', () => {});
  return keyv;
}
