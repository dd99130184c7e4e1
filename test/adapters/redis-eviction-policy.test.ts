/**
 * Redis set up to evict keys is said loudly: the store names the policy (and a Redis that refuses to tell), the bot
 * logs it at error at start and shows it in /status. On a redis-server of the test's own, its policy switched with
 * CONFIG SET the way an operator (or a managed Redis's default) would have it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { OwnRedis, redisServerInstalled } from '../../devkit/redis.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';

const available = await redisServerInstalled('the Redis eviction policy check');
const owned: OwnRedis[] = [];
afterAll(async () => {
  await Promise.all(owned.map((r) => r.stop()));
});

async function ownRedis(): Promise<OwnRedis> {
  const redis = new OwnRedis(9900 + (process.pid % 90), await mkdtemp(join(tmpdir(), 'clerk-policy-')));
  owned.push(redis);
  await redis.start();
  return redis;
}

async function setPolicy(url: string, policy: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  await client.configSet('maxmemory-policy', policy);
  await client.close();
}

describe.runIf(available)('the Redis eviction policy', () => {
  it('is fine at noeviction, and named when Redis may delete keys', async () => {
    const redis = await ownRedis();
    const store = await openRedisStore(redis.url, { namespace: 'policy-test' });
    expect(await store.warnings()).toEqual([]);
    await setPolicy(redis.url, 'volatile-lru');
    expect((await store.warnings()).join()).toMatch(/maxmemory-policy is volatile-lru.*noeviction/);
    await store.close();
  });

  it('is logged at error at start and shown in /status', async () => {
    const redis = await ownRedis();
    await setPolicy(redis.url, 'allkeys-lru');
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    const lines: { level: number; msg: string }[] = [];
    const log = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });
    const bot = await start(loadConfig(fakeSlackEnv(slack, page, { STORE_URL: redis.url })), log);
    try {
      expect(lines.filter((l) => l.level === 50 && /allkeys-lru/.test(l.msg))).toHaveLength(1);
      const status = (await (await fetch(`http://127.0.0.1:${bot.port}/status`)).json()) as {
        store: { warnings: string[] };
      };
      expect(status.store.warnings.join()).toMatch(/allkeys-lru/);
    } finally {
      await bot.stop();
      await slack.close();
      await page.close();
    }
  });
});
