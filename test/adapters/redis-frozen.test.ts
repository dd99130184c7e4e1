/**
 * A Redis that stops answering (frozen with SIGSTOP: the connection stays open, nothing comes back) fails every store
 * operation within the deadline as STORE_UNAVAILABLE instead of hanging its caller; once it resumes, the store works
 * again on the same connection. node-redis alone would wait for ever: its timeout covers only the wait to be written.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OwnRedis, redisServerInstalled } from '../../devkit/redis.js';
import { until } from '../../devkit/wait.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { isBotError } from '../../src/core/errors.js';

const available = await redisServerInstalled('a frozen Redis');
let redis: OwnRedis | undefined;
afterAll(async () => {
  redis?.signal('SIGCONT');
  await redis?.stop();
});

describe('a frozen Redis', () => {
  it.runIf(available)(
    'fails each operation within the deadline, and works again once resumed',
    async () => {
      redis = new OwnRedis(
        11_300 + (process.pid % 400),
        await mkdtemp(join(tmpdir(), 'clerk-redis-frozen-')),
      );
      await redis.start();
      const store = await openRedisStore(redis.url);
      await store.set('k', 1);
      redis.signal('SIGSTOP');
      await until('redis frozen', () => redis?.state() === 'T');
      const operations: [string, () => Promise<unknown>][] = [
        ['get', () => store.get('k')],
        ['claim', () => store.claim('c', 1, 1_000)],
        ['compareAndSet', () => store.compareAndSet('k', 1, 2)],
        ['write', () => store.write([{ op: 'set', key: 'w', value: 1 }])],
        ['ping', () => store.ping()],
      ];
      for (const [name, operation] of operations) {
        const started = Date.now();
        const error = await operation().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isBotError(error) && error.code, name).toBe('STORE_UNAVAILABLE');
        expect(String((error as Error).message)).toContain('did not answer');
        expect(Date.now() - started, name).toBeLessThan(4_000);
      }
      redis.signal('SIGCONT');
      await until(
        'the store answering again',
        async () => (await store.get('k').catch(() => undefined)) !== undefined,
      );
      await store.close();
    },
    30_000,
  );
});
