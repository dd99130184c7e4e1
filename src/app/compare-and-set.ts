/**
 * Read-modify-write of one shared key, atomically: read, compute the change, write it only if nobody wrote
 * meanwhile (compare-and-set), else read again and retry. Every replica and every concurrent request keeps
 * its change; none overwrites another's.
 */
import { BotError } from '../core/errors.js';
import type { Store } from './ports/store.js';

const MAX_CONFLICTS = 50;

/** `change` returns the next value (undefined: nothing to write) and the result to hand back. */
export async function updateAtomically<V, R>(
  store: Store,
  key: string,
  change: (current: V | undefined) => { next?: V; result: R },
  ttlMs?: number,
): Promise<R> {
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const current = await store.get<V>(key);
    const { next, result } = change(current);
    if (next === undefined || (await store.compareAndSet<V>(key, current, next, ttlMs))) return result;
  }
  throw new BotError('STORE_UNAVAILABLE', `${key} kept changing during an update; will retry`);
}
