/**
 * The wall clock jumps (an NTP step, a VM restored from a snapshot, a hand-set clock) under two processes sharing one
 * store: an hour forward, then an hour back with the leader killed in the middle of a fan-out whose claims it took
 * before the jump back. Nothing is doubled and nothing waits for the hour to pass: the other process takes over the
 * lease and the dead one's claims within seconds, looks up what the dead one's calls had posted, and posts the rest.
 * Both processes see the same clock (one host); timers keep running steadily, as they do when a real clock jumps.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot, WALL_CLOCK_SHIFT } from '../../devkit/harness/bot-process.js';
import { ownStores, storeUrlOf, subscribeChannels } from '../../devkit/harness/test-stores.js';
import type { OwnRedis } from '../../devkit/redis.js';
import { redisServerInstalled } from '../../devkit/redis.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const timeline = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');
const CHANNELS = Array.from({ length: 12 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const HOUR_MS = 3_600_000;
const processes: BotProcess[] = [];
const owned: OwnRedis[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  await Promise.all(owned.map((r) => r.stop()));
});

const ownRedis = await redisServerInstalled('a wall clock jump on Redis');

const STORES = ownStores('clerk-clock', 10_100 + (process.pid % 500), ownRedis, owned);

const statusOf = async (bot: BotProcess) =>
  (await (await fetch(`http://127.0.0.1:${await bot.port()}/status`)).json()) as { leader: boolean };

describe.each(STORES)('the wall clock jumping, two processes on %s', (_name, available, location) => {
  it.runIf(available)(
    'an hour forward and an hour back: every message once, no wait for the clock to catch up',
    async () => {
      const page = await FakeStatusPage.start();
      const slack = await FakeSlack.start();
      for (const id of CHANNELS) slack.addChannel({ id, name: id.toLowerCase() });
      const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
      page.serveStep(timeline, 0, offset);
      const store = await location();
      await subscribeChannels(store, CHANNELS);
      const clockFile = join(await mkdtemp(join(tmpdir(), 'clerk-clock-shift-')), 'offset');
      const setClock = (ms: number) => writeFileSync(clockFile, String(ms));
      setClock(0);
      const storeUrl = storeUrlOf(store);
      const env = fakeSlackEnv(slack, page, {
        POLL_INTERVAL_SECONDS: '1',
        STORE_URL: storeUrl,
        WALL_CLOCK_SHIFT_FILE: clockFile,
      });
      const first = spawnBot(env, { preload: [WALL_CLOCK_SHIFT] });
      processes.push(first);
      await until('the first process to lead', async () => (await statusOf(first)).leader, {
        timeoutMs: 20_000,
      });
      const second = spawnBot(env, { preload: [WALL_CLOCK_SHIFT] });
      processes.push(second);
      await second.port();
      const everyChannelHas = (replies: number) => () => slack.everyThreadHas(CHANNELS, replies);

      page.serveStep(timeline, 1, offset); // opens: a parent in every channel
      await until('every parent', everyChannelHas(0), { timeoutMs: 30_000 });
      await Promise.all([first.settled(), second.settled()]);

      setClock(HOUR_MS); // forward: every lease and claim in the store looks expired at once
      page.serveStep(timeline, 2, offset);
      await until('the first update everywhere', everyChannelHas(1), { timeoutMs: 30_000 });
      await Promise.all([first.settled(), second.settled()]);

      // The next update's calls hang in Slack for a while; the leader takes its claims (at +1 h), the clock goes
      // back an hour, and the leader dies with calls out: its claims and its lease now look an hour younger.
      const leader = (await statusOf(first)).leader ? first : second;
      const survivor = leader === first ? second : first;
      slack.failAlways('chat.postMessage', { kind: 'delay', ms: 1_500 });
      page.serveStep(timeline, 3, offset);
      await until('a call of the leader out', () => slack.faultsFired.length >= 1, { timeoutMs: 30_000 });
      setClock(0);
      await leader.kill('SIGKILL');
      slack.failAlways('chat.postMessage', undefined);
      const killedAt = Date.now();
      await until('the second update everywhere, by the survivor', everyChannelHas(2), {
        timeoutMs: 60_000,
        detail: () =>
          `replies: ${CHANNELS.map((c) => slack.replies(c, slack.parents(c)[0]?.ts ?? '').length)}`,
      });
      page.serveStep(timeline, 4, offset); // resolved: only a leader polls it, so the survivor must lead
      await until('the resolution everywhere', everyChannelHas(3), {
        timeoutMs: 30_000,
        detail: () =>
          `${slack.transcript(CHANNELS[0] ?? '').join(' / ')}\n${JSON.stringify(survivor.logs.slice(-8))}`,
      });
      const tookOverMs = Date.now() - killedAt;
      await survivor.settled();

      const ids = slack.deliveryIds();
      expect(ids.length - new Set(ids).size).toBe(0);
      for (const c of CHANNELS) {
        expect(slack.parents(c)).toHaveLength(1);
        expect(slack.replies(c, slack.parents(c)[0]?.ts ?? '')).toHaveLength(3);
      }
      // The fault fired: calls were out when the leader died, and the survivor did not wait out the hour.
      expect(slack.faultsFired.some((f) => f === 'chat.postMessage:delay')).toBe(true);
      expect(tookOverMs).toBeLessThan(60_000);
      console.info(
        `wall clock jump (${_name}): the survivor led and delivered the resolution everywhere ${tookOverMs} ms after the kill`,
      );
      await survivor.kill('SIGTERM');
      await slack.close();
      await page.close();
    },
    150_000,
  );
});
