import type { Store } from '../../app/ports/store.js';
import type { RedisStoreOptions } from './redis-store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'redis'; url: string };

/**
 * The store STORE_URL names: the embedded SQLite database by default, Redis for replicas on several hosts. The Redis
 * client is loaded only when Redis is named (it is most of the bot's memory that SQLite never needs).
 */
export async function openStore(
  location: StoreLocation,
  options: RedisStoreOptions & Pick<SqliteStoreOptions, 'onFault'> = {},
): Promise<Store> {
  if (location.kind === 'sqlite')
    return openSqliteStore(location.path, { ...(options.onFault ? { onFault: options.onFault } : {}) });
  const { openRedisStore } = await import('./redis-store.js');
  return openRedisStore(location.url, options);
}
