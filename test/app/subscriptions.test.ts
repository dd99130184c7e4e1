/** Subscriptions written at the same moment by different processes are all kept. */
import { describe, expect, it } from 'vitest';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { dropNamespace, REDIS_URL, redisAvailable, uniqueNamespace } from '../../devkit/redis.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import type { Store } from '../../src/app/ports/store.js';
import { SubscriptionRepo } from '../../src/app/subscriptions.js';
import { defaultSubscription } from '../../src/core/subscriptions/subscription.js';

async function concurrentSubscribes(store: Store) {
  // One repo per "replica": nothing shared in memory between them.
  const repos = [new SubscriptionRepo(store), new SubscriptionRepo(store), new SubscriptionRepo(store)];
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      (repos[i % 3] as SubscriptionRepo).put(defaultSubscription(`T${i % 2}`, `C${i}`, 'U', 'now')),
    ),
  );
  expect(await repos[0]?.listAll()).toHaveLength(30);
  await Promise.all([
    repos[1]?.remove('T0', 'C0'),
    repos[2]?.remove('T1', 'C1'),
    repos[0]?.put(defaultSubscription('T0', 'C99', 'U', 'now')),
  ]);
  expect((await repos[0]?.listAll())?.map((s) => s.channelId)).toHaveLength(29);
  expect(await repos[0]?.removeTeam('T1')).toBe(14);
  expect((await repos[2]?.listAll())?.every((s) => s.teamId === 'T0')).toBe(true);
}

const redisUp = await redisAvailable('subscriptions on Redis');

describe('subscriptions', () => {
  it('keeps every subscription written concurrently (SQLite)', async () => {
    const store = await openSqliteStore(await tempStatePath());
    await concurrentSubscribes(store);
    await store.close();
  });

  it.runIf(redisUp)('keeps every subscription written concurrently (Redis)', async () => {
    const namespace = uniqueNamespace('subs');
    const store = await openRedisStore(REDIS_URL, { namespace });
    await concurrentSubscribes(store);
    await store.close();
    await dropNamespace(REDIS_URL, namespace);
  });
});
