/**
 * The Store port over keyv. keyv does get/set/delete and TTLs for both backends; the atomic operations
 * keyv lacks (set-if-absent, compare-and-delete, compare-and-expire) come from the backend: an in-process
 * lock for the single-process file store, SET NX PX and Lua scripts for Redis.
 * keyv is told to throw, and every failure is rethrown as STORE_UNAVAILABLE, so a backend error can never
 * read as "absent".
 */
import Keyv from 'keyv';
import type { Store } from '../../app/ports.js';
import { BotError } from '../../core/errors.js';

export interface AtomicOps {
  setIfAbsent(key: string, value: unknown, ttlMs: number | undefined): Promise<boolean>;
  compareAndSet(key: string, expected: unknown, next: unknown, ttlMs: number | undefined): Promise<boolean>;
  compareAndDelete(key: string, expected: unknown): Promise<boolean>;
  compareAndExpire(key: string, expected: unknown, ttlMs: number): Promise<boolean>;
  ping(): Promise<void>;
}

export class KeyvStore implements Store {
  constructor(
    readonly kind: 'file' | 'redis',
    private readonly keyv: Keyv,
    private readonly atomics: AtomicOps,
    private readonly closeBackend: () => Promise<void>,
  ) {}

  private async guard<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
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

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.guard('set', key, async () => {
      const ok = await this.keyv.set(key, value, ttlMs);
      if (!ok) throw new BotError('STORE_UNAVAILABLE', `Store ${this.kind}: set ${key} was not accepted`);
    });
  }

  delete(key: string): Promise<boolean> {
    return this.guard('delete', key, () => this.keyv.delete(key));
  }

  setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    return this.guard('setIfAbsent', key, () => this.atomics.setIfAbsent(key, value, ttlMs));
  }

  compareAndSet<T>(key: string, expected: T | undefined, next: T, ttlMs?: number): Promise<boolean> {
    return this.guard('compareAndSet', key, () =>
      expected === undefined
        ? this.atomics.setIfAbsent(key, next, ttlMs)
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

/** Structural equality for JSON values, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function createKeyv(store: Keyv['store'], namespace: string): Keyv {
  const keyv = new Keyv({ store, namespace, throwOnErrors: true, useKeyPrefix: false });
  // keyv emits and throws; the throw is what we act on, so the emit needs only a listener to be harmless.
  keyv.on('error', () => {});
  return keyv;
}
