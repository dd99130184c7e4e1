/**
 * The embedded default store: one JSON file, one process. Atomic operations are made atomic by running
 * them one at a time in this process (the only writer of the file).
 */
import type { Store } from '../../app/ports.js';
import { FileStoreAdapter } from './file-adapter.js';
import { type AtomicOps, createKeyv, KeyvStore, sameJson } from './keyv-store.js';

/** Runs tasks strictly one after another. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export async function openFileStore(path: string): Promise<Store> {
  const adapter = await FileStoreAdapter.open(path);
  const keyv = createKeyv(adapter, 'clerk-status');
  const exclusive = serialQueue();
  const atomics: AtomicOps = {
    setIfAbsent: (key, value, ttlMs) =>
      exclusive(async () => {
        if ((await keyv.get(key)) !== undefined) return false;
        await keyv.set(key, value, ttlMs);
        return true;
      }),
    compareAndSet: (key, expected, next, ttlMs) =>
      exclusive(async () => {
        if (!sameJson(await keyv.get(key), expected)) return false;
        await keyv.set(key, next, ttlMs);
        return true;
      }),
    compareAndDelete: (key, expected) =>
      exclusive(async () => {
        if (!sameJson(await keyv.get(key), expected)) return false;
        return keyv.delete(key);
      }),
    compareAndExpire: (key, expected, ttlMs) =>
      exclusive(async () => {
        const value = await keyv.get(key);
        if (value === undefined || !sameJson(value, expected)) return false;
        await keyv.set(key, value, ttlMs);
        return true;
      }),
    ping: async () => {},
  };
  return new KeyvStore('file', keyv, atomics, () => adapter.disconnect());
}
