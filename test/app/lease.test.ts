import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/adapters/store/file-store.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { LeaderLease } from '../../src/app/lease.js';
import { REDIS_URL, redisAvailable, uniqueNamespace } from '../helpers/redis.js';

const redisUp = await redisAvailable('leader lease on Redis');

describe('leader lease', () => {
  it('with the file store, a restarted process leads at once (one process, nothing to wait for)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'clerk-lease-')), 'state.json');
    const first = await openFileStore(path);
    expect(await new LeaderLease(first, 60_000, randomUUID()).acquireOrRenew()).toBe(true);
    await first.close();
    const second = await openFileStore(path);
    expect(await new LeaderLease(second, 60_000, randomUUID()).acquireOrRenew()).toBe(true);
    await second.close();
  });

  it.runIf(redisUp)(
    'with Redis, one holder at a time; renewal keeps it; release or expiry hands it over',
    async () => {
      const store = await openRedisStore(REDIS_URL, { namespace: uniqueNamespace('lease') });
      const a = new LeaderLease(store, 300, randomUUID());
      const b = new LeaderLease(store, 300, randomUUID());
      expect(await a.acquireOrRenew()).toBe(true);
      expect(await b.acquireOrRenew()).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await a.acquireOrRenew()).toBe(true); // renewed before it lapsed
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await b.acquireOrRenew()).toBe(false);
      await a.release();
      expect(await b.acquireOrRenew()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 450)); // b dies without renewing
      expect(await a.acquireOrRenew()).toBe(true);
      expect(a.isLeader).toBe(true);
      await store.close();
    },
  );
});
