/**
 * Redis restarted without persistence under the running bot: every key is gone. The bot notices (its store identity
 * record vanished) and says so loudly, once: a log line at error, a metric, /status `store.dataLost`; it announces
 * nothing of Clerk's page as new (the next poll seeds silently) and posts nothing twice.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { OwnRedis, redisServerInstalled } from '../../devkit/redis.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { SubscriptionRepo } from '../../src/app/subscriptions.js';
import { defaultSubscription } from '../../src/core/subscriptions/subscription.js';

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const available = await redisServerInstalled('Redis data loss');
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of cleanup) await close();
});

const lostLines = (bot: BotProcess) =>
  bot.logs.filter((l) => l.level === 50 && String(l.msg).startsWith('the store lost its data'));

describe.runIf(available)('Redis restarted without persistence', () => {
  it('is detected and said once, loudly; nothing is announced as new and nothing is posted twice', async () => {
    const redis = new OwnRedis(9700 + (process.pid % 200), await mkdtemp(join(tmpdir(), 'clerk-loss-')), {
      persistent: false,
    });
    await redis.start();
    cleanup.push(() => redis.stop());
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    cleanup.push(
      () => slack.close(),
      () => page.close(),
    );
    slack.addChannel({ id: 'C0OPS', name: 'ops', botIsMember: true });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const seed = await openRedisStore(redis.url);
    await new SubscriptionRepo(seed).put(
      defaultSubscription('T0TEAM', 'C0OPS', 'U0ALICE', new Date().toISOString()),
    );
    await seed.close();
    const bot = spawnBot({ ...fakeSlackEnv(slack, page), STORE_URL: redis.url, POLL_INTERVAL_SECONDS: '1' });
    cleanup.push(() => bot.kill());
    const port = await bot.port();
    const status = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as {
        store: { ok: boolean; dataLost: { since: string } | null };
      };
    await bot.waitFor('the first poll', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
    page.serveStep(timeline, 1, offset);
    await until('the parent', () => slack.parents('C0OPS').length === 1, { timeoutMs: 15_000 });
    await bot.settled();
    expect((await status()).store.dataLost).toBeNull();
    // An operator sees each event delivered: what, to how many channels, how long, how many 429s.
    expect(bot.logs.find((l) => l.msg === 'event delivered' && l.kind === 'incident.opened')).toMatchObject({
      channels: 1,
      rateLimited: 0,
      durationMs: expect.any(Number),
    });

    await redis.stop();
    await redis.start(); // empty: no persistence
    await bot.waitFor('the loss noticed', () => lostLines(bot).length === 1, 20_000);
    await until('status to say so', async () => (await status()).store.dataLost !== null, {
      timeoutMs: 10_000,
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^clerk_status_store_data_lost 1$/m);

    page.serveStep(timeline, 2, offset); // the resolution: the subscription is gone with the data
    const polled = page.requests.length;
    await until('several polls after the loss', () => page.requests.length >= polled + 6, {
      timeoutMs: 20_000,
    });
    await bot.settled();
    expect(slack.messages).toHaveLength(1); // nothing announced as new, nothing twice
    expect(lostLines(bot)).toHaveLength(1); // said once, not every tick
    expect((await status()).store).toMatchObject({ ok: true, dataLost: { since: expect.any(String) } });
  }, 90_000);
});
