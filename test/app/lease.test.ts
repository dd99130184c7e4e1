import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { dropNamespace, REDIS_URL, redisAvailable, uniqueNamespace } from '../../devkit/redis.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { LeaderLease } from '../../src/app/lease.js';
import type { Store } from '../../src/app/ports/store.js';

const redisUp = await redisAvailable('leader lease on Redis');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two stores stand for two processes: nothing shared between them but the backend. */
async function oneHolderAtATime(storeA: Store, storeB: Store) {
  const a = new LeaderLease(storeA, 300, randomUUID());
  const b = new LeaderLease(storeB, 300, randomUUID());
  expect(await a.acquireOrRenew(1)).toBe(true);
  expect(await b.acquireOrRenew()).toBe(false);
  expect(b.leaderPolledAt).toBe(1); // a follower learns when the leader last polled
  await sleep(200);
  expect(await a.acquireOrRenew(2)).toBe(true); // renewed before it lapsed
  await sleep(200);
  expect(await b.acquireOrRenew()).toBe(false);
  expect(b.leaderPolledAt).toBe(2);
  await a.release();
  expect(await b.acquireOrRenew()).toBe(true);
  await sleep(450); // b dies without renewing
  expect(await a.acquireOrRenew()).toBe(true);
  expect(a.isLeader).toBe(true);
  a.lose(); // a store outage made it forget: its own lease is still there, and it renews it at once
  expect(await a.acquireOrRenew()).toBe(true);
}

describe('leader lease', () => {
  it('with SQLite, one holder at a time across connections to one file; release or expiry hands it over', async () => {
    const path = await tempStatePath();
    const [first, second] = [await openSqliteStore(path), await openSqliteStore(path)];
    await oneHolderAtATime(first, second);
    await Promise.all([first.close(), second.close()]);
  });

  it.runIf(redisUp)(
    'with Redis, one holder at a time; renewal keeps it; release or expiry hands it over',
    async () => {
      const namespace = uniqueNamespace('lease');
      const [first, second] = [
        await openRedisStore(REDIS_URL, { namespace }),
        await openRedisStore(REDIS_URL, { namespace }),
      ];
      await oneHolderAtATime(first, second);
      await Promise.all([first.close(), second.close()]);
      await dropNamespace(REDIS_URL, namespace);
    },
  );
});
