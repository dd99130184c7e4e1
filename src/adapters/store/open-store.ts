import type { Store } from '../../app/ports/store.js';
import { openRedisStore, type RedisStoreOptions } from './redis-store.js';
import { openSqliteStore } from './sqlite-store.js';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'redis'; url: string };

/** The store STORE_URL names: the embedded SQLite database by default, Redis for replicas on several hosts. */
export function openStore(location: StoreLocation, options: RedisStoreOptions = {}): Promise<Store> {
  return location.kind === 'sqlite' ? openSqliteStore(location.path) : openRedisStore(location.url, options);
}
