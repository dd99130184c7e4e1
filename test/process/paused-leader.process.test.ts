/**
 * A paused leader never posts what another process already sent (CONTRACT, Promises). Two processes on one store
 * (a SQLite file, and a redis-server of the test's own), 60 subscribed channels, an incident opens; the leader is
 * frozen with SIGSTOP in the middle of its fan-out for 12 s, the other takes over and delivers, then the frozen one
 * resumes holding claims it had taken before the pause. Every channel ends with its parent exactly once.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { ownStores, storeUrlOf, subscribeChannels } from '../../devkit/harness/test-stores.js';
import type { OwnRedis } from '../../devkit/redis.js';
import { redisServerInstalled } from '../../devkit/redis.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';
import type { StoreLocation } from '../../src/adapters/store/open-store.js';

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const CHANNELS = Array.from({ length: 60 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const PAUSE_MS = 12_000;
const processes: BotProcess[] = [];
const owned: OwnRedis[] = [];
afterAll(async () => {
  for (const p of processes) p.child.kill('SIGCONT');
  await Promise.all(processes.map((p) => p.kill()));
  await Promise.all(owned.map((r) => r.stop()));
});

const ownRedis = await redisServerInstalled('a paused leader on Redis');

const STORES = ownStores('clerk-paused', 8900 + (process.pid % 500), ownRedis, owned);

const isLeader = async (bot: BotProcess) =>
  ((await (await fetch(`http://127.0.0.1:${await bot.port()}/status`)).json()) as { leader: boolean }).leader;

/**
 * SIGSTOP, but not inside a SQLite write transaction: a process frozen there holds the file's write lock, and nobody
 * else can take over until it resumes (nothing is doubled then; the delivery waits). This test is about claims, so
 * it freezes the process again a moment later until the file is writable.
 */
async function freezeOutsideAWrite(bot: BotProcess, store: StoreLocation): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    bot.child.kill('SIGSTOP');
    await until('the leader frozen', () => stateOf(bot) === 'T', { timeoutMs: 5_000 });
    if (store.kind === 'redis' || writable(store.path)) return;
    bot.child.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('could not freeze the process outside a write transaction');
}

function writable(path: string): boolean {
  const db = new Database(path, { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** The process's state letter from /proc: `T` while stopped. */
const stateOf = (bot: BotProcess) => readFileSync(`/proc/${bot.child.pid}/stat`, 'utf8').split(') ')[1]?.[0];

describe.each(STORES)('a leader paused with SIGSTOP, two processes on %s', (_name, available, location) => {
  it.runIf(available)(
    'sends nothing the other already sent after it resumes, and loses nothing',
    async () => {
      const page = await FakeStatusPage.start();
      const slack = await FakeSlack.start();
      slack.enforceLimits({ perChannelMs: 1_000, perWorkspacePerMinute: 300 });
      for (const id of CHANNELS) slack.addChannel({ id, name: id.toLowerCase() });
      const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
      page.serveStep(timeline, 0, offset);
      const store = await location();
      await subscribeChannels(store, CHANNELS);
      const storeUrl = storeUrlOf(store);
      const env = fakeSlackEnv(slack, page, { POLL_INTERVAL_SECONDS: '1', STORE_URL: storeUrl });
      const first = spawnBot(env);
      processes.push(first);
      await until('the first process to lead', () => isLeader(first), { timeoutMs: 20_000 });
      const second = spawnBot(env);
      processes.push(second);
      await second.port();

      page.serveStep(timeline, 1, offset); // the incident opens: a parent for each of the 60 channels
      await until('the fan-out under way', () => slack.messages.length >= 10, { timeoutMs: 20_000 });
      expect(await isLeader(first)).toBe(true);
      await freezeOutsideAWrite(first, store);
      const sentBeforePause = slack.messages.length;
      expect(sentBeforePause).toBeLessThan(CHANNELS.length); // it was paused mid-fan-out, holding claims
      const pausedAt = Date.now();
      await until('the other process leading', () => isLeader(second), { timeoutMs: 20_000 });
      // Frozen until the other process has delivered to every channel (taking over every claim the frozen one
      // held) and for 12 s at least; then it resumes, holding claims that are no longer its own.
      await until(
        'every channel to have its parent',
        () => CHANNELS.every((c) => slack.parents(c).length >= 1),
        {
          timeoutMs: 60_000,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, PAUSE_MS - (Date.now() - pausedAt))));
      const sentWhileFrozen = slack.messages.length - sentBeforePause;
      first.child.kill('SIGCONT');
      await Promise.all([first.settled(), second.settled()]);
      // A request the frozen process had already made (past its last check, not yet written) lands when it resumes:
      // it notices the record was taken over under it and deletes its late copy once the send window settled.
      const duplicates = () => slack.deliveryIds().length - new Set(slack.deliveryIds()).size;
      await until('no late copy left', () => duplicates() === 0, {
        timeoutMs: 60_000,
        detail: () => `late copies: ${duplicates()}, deleted: ${slack.deletedByBot.length}`,
      });
      const perChannel = CHANNELS.map((c) => slack.parents(c).length);
      expect({ duplicates: duplicates(), lost: perChannel.filter((n) => n === 0).length }).toEqual({
        duplicates: 0,
        lost: 0,
      });
      expect(perChannel.every((n) => n === 1)).toBe(true);
      expect(slack.messages).toHaveLength(CHANNELS.length);
      // Every deleted message was a copy: its delivery id is still in the channel, once.
      const kept = new Set(slack.deliveryIds());
      for (const copy of slack.deletedByBot)
        expect(kept.has(String(copy.metadata?.event_payload.delivery_id))).toBe(true);
      // The fault fired: frozen mid-fan-out (asserted above), the other process delivered the rest meanwhile, taking
      // over the claims the frozen one held. How the resumed one then sent nothing twice is counted below (stepped back
      // at the fence, its store calls in flight timing out on resume, or a late copy deleted): informational, since
      // which of these happens depends on where the freeze caught it.
      expect(sentWhileFrozen).toBeGreaterThan(0);
      const said = (start: string) => first.logs.filter((l) => String(l.msg).startsWith(start)).length;
      const steppedBack = said('another process took this delivery over');
      const recordedLate = said('posted after another process took this delivery over');
      const timedOut = first.logs.filter((l) => JSON.stringify(l).includes('did not answer')).length;
      console.info(
        `paused leader (${_name}): sent before the pause ${sentBeforePause}, while frozen ${sentWhileFrozen}, stepped back ${steppedBack}, store calls timed out at resume ${timedOut}, posts that landed late ${recordedLate}, late copies deleted ${slack.deletedByBot.length}`,
      );
      await Promise.all([first.kill('SIGTERM'), second.kill('SIGTERM')]);
      await slack.close();
      await page.close();
    },
    120_000,
  );
});
