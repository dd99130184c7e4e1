import type { Store } from '../../app/ports.js';
import { openFileStore } from './file-store.js';
import { openRedisStore, type RedisStoreOptions } from './redis-store.js';

export type StoreLocation = { kind: 'file'; path: string } | { kind: 'redis'; url: string };

/** The store STORE_URL names: the embedded file store by default, Redis for replicas. */
export function openStore(location: StoreLocation, options: RedisStoreOptions = {}): Promise<Store> {
  return location.kind === 'file' ? openFileStore(location.path) : openRedisStore(location.url, options);
}
