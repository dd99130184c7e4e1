/**
 * Redis frozen (SIGSTOP: the connections stay open and nothing answers) for longer than the leader's lease, in the
 * middle of a fan-out, under two processes; then resumed. While it is frozen the bots answer /status at once and say
 * the store is not answering (a hung store is never silence); after it resumes, the fan-out completes with every
 * message once: the lease lapsed in Redis meanwhile, and the claims taken before the freeze are fenced.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { subscribeChannels } from '../../devkit/harness/test-stores.js';
import { OwnRedis, redisServerInstalled } from '../../devkit/redis.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const timeline = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');
const CHANNELS = Array.from({ length: 12 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const PAUSE_MS = 12_000; // the leader's lease is 5 s at a 1 s poll
const processes: BotProcess[] = [];
let redis: OwnRedis | undefined;
afterAll(async () => {
  redis?.signal('SIGCONT');
  await Promise.all(processes.map((p) => p.kill()));
  await redis?.stop();
});

const available = await redisServerInstalled('a paused Redis');

interface Status {
  leader: boolean;
  store: { ok: boolean; error?: string };
}
const statusOf = async (bot: BotProcess): Promise<Status> =>
  (await (
    await fetch(`http://127.0.0.1:${await bot.port()}/status`, { signal: AbortSignal.timeout(8_000) })
  ).json()) as Status;

describe('Redis paused with SIGSTOP for longer than a lease', () => {
  it.runIf(available)(
    'says so while frozen, then finishes the fan-out with every message once',
    async () => {
      redis = new OwnRedis(
        10_700 + (process.pid % 500),
        await mkdtemp(join(tmpdir(), 'clerk-redis-paused-')),
      );
      await redis.start();
      const page = await FakeStatusPage.start();
      const slack = await FakeSlack.start();
      for (const id of CHANNELS) slack.addChannel({ id, name: id.toLowerCase() });
      const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
      page.serveStep(timeline, 0, offset);
      await subscribeChannels({ kind: 'redis', url: redis.url }, CHANNELS);
      const env = fakeSlackEnv(slack, page, { POLL_INTERVAL_SECONDS: '1', STORE_URL: redis.url });
      const first = spawnBot(env);
      processes.push(first);
      await until('the first process to lead', async () => (await statusOf(first)).leader, {
        timeoutMs: 20_000,
      });
      const second = spawnBot(env);
      processes.push(second);
      await second.port();
      const everyChannelHas = (replies: number) => () => slack.everyThreadHas(CHANNELS, replies);
      page.serveStep(timeline, 1, offset);
      await until('every parent', everyChannelHas(0), { timeoutMs: 30_000 });
      await Promise.all([first.settled(), second.settled()]);

      // The next update's calls are slow; Redis freezes while they are out.
      slack.failAlways('chat.postMessage', { kind: 'delay', ms: 1_000 });
      page.serveStep(timeline, 2, offset);
      await until('a call out', () => slack.faultsFired.length >= 1, { timeoutMs: 30_000 });
      redis.signal('SIGSTOP');
      await until('redis frozen', () => redis?.state() === 'T', { timeoutMs: 5_000 });
      const frozenAt = Date.now();
      slack.failAlways('chat.postMessage', undefined);
      // Frozen, the store is reported as not answering, promptly, by both.
      for (const bot of [first, second])
        await until(
          '/status to say the store is not answering',
          async () => (await statusOf(bot)).store.ok === false,
          {
            timeoutMs: 10_000,
          },
        );
      const during = await statusOf(first);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, PAUSE_MS - (Date.now() - frozenAt))));
      redis.signal('SIGCONT');

      await until('the update everywhere', everyChannelHas(1), { timeoutMs: 60_000 });
      await until('the store answering again', async () => (await statusOf(first)).store.ok, {
        timeoutMs: 20_000,
      });
      page.serveStep(timeline, 3, offset);
      await until('the next update everywhere', everyChannelHas(2), { timeoutMs: 30_000 });
      await Promise.all([first.settled(), second.settled()]);
      const ids = slack.deliveryIds();
      expect(ids.length - new Set(ids).size).toBe(0);
      for (const c of CHANNELS) {
        expect(slack.parents(c)).toHaveLength(1);
        expect(slack.replies(c, slack.parents(c)[0]?.ts ?? '')).toHaveLength(2);
      }
      expect(during.store.error).toBeTruthy();
      console.info(`redis paused ${PAUSE_MS} ms: /status said "${during.store.error}"`);
      await Promise.all([first.kill('SIGTERM'), second.kill('SIGTERM')]);
      await slack.close();
      await page.close();
    },
    150_000,
  );
});
