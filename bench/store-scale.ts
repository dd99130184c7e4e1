/**
 * store-scale: how the store behaves as subscriptions grow, on SQLite and on Redis. For S subscribed channels
 * across 10 workspaces: time per subscribe (first and last tenth), an idle tick's time and bytes written, the
 * time until one new incident (parent + reply) reaches the last channel with Slack's limits off, and RSS.
 * Redis runs on a server this benchmark starts (one per size), so no one else's data is touched.
 */
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import Database from 'better-sqlite3';
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { OwnRedis, redisServerInstalled } from '../devkit/redis.js';
import { loadTimeline } from '../devkit/timeline.js';
import { until } from '../devkit/wait.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import { allPosted, hasParentAndReply, openThenResolve } from './incident-fan-out.js';
import type { BenchRow } from './run.js';

const FAST = {
  perChannelMs: 1,
  postsPerSecond: 100_000,
  postBurst: 1_000,
  updatesPerSecond: 100_000,
  updateBurst: 1_000,
};
const IDLE_TICKS = 20;

interface Measure {
  subscribeFirstMs: number;
  subscribeLastMs: number;
  idleTickMs: number;
  idleBytes: number;
  fanOutS: number;
  rssMiB: number;
  correct: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Bytes the next `run` writes: the SQLite WAL's growth, or what the bot sent to Redis. */
async function bytesWritten(storeUrl: string, run: () => Promise<void>): Promise<number> {
  if (storeUrl.startsWith('file:')) {
    const path = storeUrl.slice('file:'.length);
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    await run();
    return (await stat(`${path}-wal`).catch(() => ({ size: 0 }))).size;
  }
  const client = createClient({ url: storeUrl });
  await client.connect();
  const input = async () => Number(/total_net_input_bytes:(\d+)/.exec(await client.info('stats'))?.[1] ?? 0);
  const before = await input();
  await run();
  const after = await input();
  await client.close();
  return after - before;
}

async function measure(channelCount: number, storeUrl: string): Promise<Measure> {
  const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  const channels = Array.from({ length: channelCount }, (_, i) => ({
    id: `C${String(i).padStart(5, '0')}`,
    team: `T${String(i % 10).padStart(3, '0')}`,
  }));
  for (const c of channels) slack.addChannel({ id: c.id, name: c.id.toLowerCase(), team: c.team });
  const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  page.serveStep(timeline, 0, offset);
  const config = loadConfig(
    fakeSlackEnv(slack, page, { SLACK_BOT_TOKEN: 'xoxb-bench', STORE_URL: storeUrl }),
  );
  const bot = await start(config, createLogger('silent'), { pacing: FAST, deliveryRetryMs: 50 });
  const now = new Date().toISOString();
  const times: number[] = [];
  for (const c of channels) {
    const t0 = performance.now();
    await bot.subscriptions.put(defaultSubscription(c.team, c.id, 'U0BENCH', now));
    times.push(performance.now() - t0);
  }
  await bot.pollNow(); // seed
  await bot.pollNow();
  const tickTimes: number[] = [];
  const idleBytes = await bytesWritten(storeUrl, async () => {
    for (let i = 0; i < IDLE_TICKS; i++) {
      const t0 = performance.now();
      await bot.pollNow();
      tickTimes.push(performance.now() - t0);
    }
  });
  const started = performance.now();
  await openThenResolve(page, bot, timeline, offset);
  // To the last channel's messages: polling the bot's queue (every pending edit read) would slow what it measures.
  await until('the fan-out', () => allPosted(slack, channels.length), {
    timeoutMs: 30 * 60_000,
    intervalMs: 20,
  });
  const fanOutS = (performance.now() - started) / 1000;
  const ids = slack.deliveryIds();
  const complete = channels.every((c) => hasParentAndReply(slack, c.id));
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  await bot.stop();
  await slack.close();
  await page.close();
  const tenth = Math.max(1, Math.floor(channelCount / 10));
  return {
    subscribeFirstMs: mean(times.slice(0, tenth)),
    subscribeLastMs: mean(times.slice(-tenth)),
    idleTickMs: mean(tickTimes),
    idleBytes: idleBytes / IDLE_TICKS,
    fanOutS,
    rssMiB,
    correct: complete && new Set(ids).size === ids.length,
  };
}

function row(store: string, s: number, m: Measure): BenchRow {
  return {
    name: `store-scale ${store}, ${s} channels`,
    result: `subscribe ${m.subscribeFirstMs.toFixed(2)} → ${m.subscribeLastMs.toFixed(2)} ms (first → last tenth); idle tick ${m.idleTickMs.toFixed(1)} ms, ${Math.round(m.idleBytes)} B written; fan-out to the last channel ${m.fanOutS.toFixed(2)} s; RSS ${m.rssMiB.toFixed(0)} MiB`,
    ok: m.correct,
  };
}

const growth = (xs: number[]) =>
  xs
    .slice(1)
    .map((x, i) => `×${(x / Math.max(1e-9, xs[i] ?? 1)).toFixed(1)}`)
    .join(', ');

export async function storeScale(): Promise<BenchRow[]> {
  const sizes = (process.env.STORE_SCALE_SIZES ?? '10,100,1000,5000').split(',').map(Number);
  const rows: BenchRow[] = [];
  const results: Record<string, Measure[]> = { sqlite: [], redis: [] };
  const haveRedis = await redisServerInstalled('store-scale on Redis');
  for (const [i, s] of sizes.entries()) {
    const dir = await mkdtemp(join(tmpdir(), 'clerk-scale-'));
    const sqlite = await measure(s, `file:${join(dir, 'state.db')}`);
    results.sqlite?.push(sqlite);
    rows.push(row('sqlite', s, sqlite));
    if (!haveRedis) continue;
    const redis = new OwnRedis(9391 + ((process.pid + i) % 500), dir);
    await redis.start();
    try {
      const m = await measure(s, redis.url);
      results.redis?.push(m);
      rows.push(row('redis', s, m));
    } finally {
      await redis.stop();
    }
  }
  for (const [store, list] of Object.entries(results)) {
    if (list.length < 2) continue;
    rows.push({
      name: `store-scale ${store}, growth per step (${sizes.join(' → ')} channels)`,
      result: `subscribe (last tenth) ${growth(list.map((m) => m.subscribeLastMs))}; idle tick ${growth(list.map((m) => m.idleTickMs))}; fan-out ${growth(list.map((m) => m.fanOutS))}`,
      ok: true,
    });
  }
  if (results.redis && results.redis.length === results.sqlite?.length) {
    const ratio = (pick: (m: Measure) => number) =>
      results.sqlite
        ?.map((m, i) => (pick(m) / Math.max(1e-9, pick(results.redis?.[i] as Measure))).toFixed(2))
        .join(', ');
    rows.push({
      name: 'store-scale SQLite / Redis, per size',
      result: `subscribe ${ratio((m) => m.subscribeLastMs)}; idle tick ${ratio((m) => m.idleTickMs)}; fan-out ${ratio((m) => m.fanOutS)}`,
      ok: true,
    });
  }
  return rows;
}
