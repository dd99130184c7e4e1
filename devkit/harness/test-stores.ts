/**
 * The two stores a process-level fault test runs against, each one only that test uses: a fresh SQLite file, and a
 * redis-server of the test's own (never a Redis it did not start). And channels subscribed before the bots start.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type StoreLocation } from '../../src/adapters/store/open-store.js';
import { SubscriptionRepo } from '../../src/app/subscriptions.js';
import { defaultSubscription } from '../../src/core/subscriptions/subscription.js';
import { OwnRedis } from '../redis.js';

/** A fresh SQLite file in a directory of its own. */
export async function ownSqlite(prefix: string): Promise<{ kind: 'sqlite'; path: string }> {
  return { kind: 'sqlite', path: join(await mkdtemp(join(tmpdir(), `${prefix}-`)), 'state.db') };
}

/** `[name, available, make]` rows for `describe.each`; every Redis made is pushed to `owned` for the test to stop. */
export function ownStores(
  prefix: string,
  redisPort: number,
  redisInstalled: boolean,
  owned: OwnRedis[],
): [string, boolean, () => Promise<StoreLocation>][] {
  return [
    ['one SQLite file', true, () => ownSqlite(prefix)],
    [
      'one Redis',
      redisInstalled,
      async () => {
        const redis = new OwnRedis(redisPort, await mkdtemp(join(tmpdir(), `${prefix}-redis-`)));
        owned.push(redis);
        await redis.start();
        return { kind: 'redis', url: redis.url };
      },
    ],
  ];
}

/** STORE_URL for a location. */
export const storeUrlOf = (location: StoreLocation) =>
  location.kind === 'sqlite' ? `file:${location.path}` : location.url;

/** Subscribes each channel of workspace T0TEAM with the defaults, as /clerk-status subscribe would. */
export async function subscribeChannels(location: StoreLocation, channels: string[]): Promise<void> {
  const store = await openStore(location);
  const repo = new SubscriptionRepo(store);
  for (const id of channels)
    await repo.put(defaultSubscription('T0TEAM', id, 'U0ALICE', new Date().toISOString()));
  await store.close();
}
