import type { Config } from '../../config.js';
import type { Store } from '../../shell/ports.js';
import { openFileStore } from './file-store.js';
import { openRedisStore, type RedisStoreOptions } from './redis-store.js';

/** The store STORE_URL names: the embedded file store by default, Redis for replicas. */
export function openStore(config: Config['store'], options: RedisStoreOptions = {}): Promise<Store> {
  return config.kind === 'file' ? openFileStore(config.path) : openRedisStore(config.url, options);
}
