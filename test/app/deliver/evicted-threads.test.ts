/**
 * A channel's thread record and its parent's delivery record vanish (Redis evicted them: both carry a TTL, so a
 * volatile-* policy may take them; or the store was wiped) while the incident is open: the next update must not post a second parent. The bot looks the parent up by
 * its metadata, back to the incident's start, and threads the update under it. On SQLite the key is deleted through
 * the store; on a redis-server of the test's own, by another client, the way eviction removes it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { OwnRedis, redisServerInstalled } from '../../../devkit/redis.js';
import { loadTimeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { deliveryIdOf } from '../../../src/app/deliver/step-runner.js';
import { threadKey } from '../../../src/app/deliver/thread-repository.js';
import type { Store } from '../../../src/app/ports/store.js';
import { start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';
import { eventId } from '../../../src/core/events/ids.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const INCIDENT = '01KQ48TPE0SYNTHN0000000001';
const owned: OwnRedis[] = [];
afterAll(async () => {
  await Promise.all(owned.map((r) => r.stop()));
});
const ownRedis = await redisServerInstalled('evicted threads on Redis');

/** How each store loses the key: through the store, or another Redis client deleting it as eviction would. */
const STORES: [string, boolean, () => Promise<{ url: string; evict: (store: Store) => Promise<number> }>][] =
  [
    [
      'SQLite',
      true,
      async () => ({
        url: `file:${await tempStatePath()}`,
        evict: async (store) => {
          const parent = deliveryIdOf('T0TEAM', 'C0OPS', eventId('incident', INCIDENT, 'parent', '1'));
          const gone = [threadKey('T0TEAM', 'C0OPS', INCIDENT), `delivery:${parent}`];
          return (await Promise.all(gone.map((key) => store.delete(key)))).filter(Boolean).length;
        },
      }),
    ],
    [
      'Redis',
      ownRedis,
      async () => {
        const redis = new OwnRedis(9400 + (process.pid % 500), await mkdtemp(join(tmpdir(), 'clerk-evict-')));
        owned.push(redis);
        await redis.start();
        return {
          url: redis.url,
          evict: async () => {
            const client = createClient({ url: redis.url });
            await client.connect();
            const keys: string[] = [];
            for (const match of ['*thread*', '*delivery*'])
              for await (const batch of client.scanIterator({ MATCH: match })) keys.push(...batch);
            const deleted = keys.length > 0 ? await client.del(keys) : 0;
            await client.close();
            return deleted;
          },
        };
      },
    ],
  ];

describe.each(STORES)('a thread record lost on %s', (_name, available, store) => {
  it.runIf(available)(
    'never gives the channel a second parent: the update finds it and threads under it',
    async () => {
      const page = await FakeStatusPage.start();
      const slack = await FakeSlack.start();
      slack.addChannel({ id: 'C0OPS', name: 'ops', botIsMember: true });
      const offset = Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? '');
      page.serveStep(handshake, 0, offset);
      const { url, evict } = await store();
      const config = loadConfig(fakeSlackEnv(slack, page, { STORE_URL: url }));
      const bot = await start(config, createLogger('silent'), { pacing: NO_PACING, deliveryRetryMs: 30 });
      try {
        await bot.pollNow();
        await bot.subscriptions.put(
          defaultSubscription('T0TEAM', 'C0OPS', 'U0ALICE', new Date().toISOString()),
        );
        for (const step of [1, 2]) {
          // The fault fired: the thread record and the parent's delivery record are gone, as eviction takes them.
          if (step === 2) expect(await evict(bot.store)).toBeGreaterThanOrEqual(2);
          page.serveStep(handshake, step, offset);
          await bot.pollNow();
          await until('delivered', async () => (await bot.deliverNow()) === 0, { timeoutMs: 10_000 });
        }
        const parents = slack.parents('C0OPS');
        expect(parents).toHaveLength(1);
        expect(slack.replies('C0OPS', parents[0]?.ts ?? '')).toHaveLength(1);
        expect(slack.transcript('C0OPS')[1]).toMatch(/Resolved after/);
      } finally {
        await bot.stop();
        await slack.close();
        await page.close();
      }
    },
  );
});
