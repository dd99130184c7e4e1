/**
 * Fan-out: one incident to 1,000 channels over 10 workspaces. The fake Slack enforces about one post per
 * second per channel and a per-workspace budget (answering 429 with Retry-After), and a few extra 429s are
 * injected. Reports time to last delivery, messages, 429s met, duplicates and losses (the last two must be 0).
 */

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { OwnRedis, redisServerInstalled } from '../devkit/redis.js';
import { loadTimeline, type Timeline } from '../devkit/timeline.js';
import { until } from '../devkit/wait.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import { allPosted, hasParentAndReply, openThenResolve } from './incident-fan-out.js';
import type { BenchRow } from './run.js';

export interface FanOutOptions {
  /** The timeline replayed (its steps 0, 1, 2: before, open, resolved); the /handshake incident by default. */
  timeline?: Timeline;
  /** More environment (PagerDuty, the webhook). */
  env?: Record<string, string>;
  /** Named in the row. */
  label?: string;
}

export async function fanOut(
  channelCount = 1_000,
  workspaceCount = 10,
  storeUrl?: string,
  options: FanOutOptions = {},
): Promise<BenchRow> {
  const timeline = options.timeline ?? loadTimeline('clerk-2026-04-26-handshake-endpoint');
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  slack.enforceLimits({ perChannelMs: 1_000, perWorkspacePerMinute: 300 });
  const channels = Array.from({ length: channelCount }, (_, i) => ({
    id: `C${String(i).padStart(5, '0')}`,
    team: `T${String(i % workspaceCount).padStart(3, '0')}`,
  }));
  for (const c of channels) slack.addChannel({ id: c.id, name: c.id.toLowerCase(), team: c.team });

  const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  page.serveStep(timeline, 0, offset);
  const config = loadConfig(
    fakeSlackEnv(slack, page, {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      STORE_URL: storeUrl ?? `file:${await tempStatePath()}`,
      ...options.env,
    }),
  );
  const bot = await start(config, createLogger('silent'), { deliveryRetryMs: 200 });
  const now = new Date().toISOString();
  for (const c of channels) await bot.subscriptions.put(defaultSubscription(c.team, c.id, 'U0BENCH', now));
  await bot.pollNow(); // seed

  slack.failNext(
    'chat.postMessage',
    ...Array.from({ length: 5 }, () => ({ kind: 'rate_limited' as const, retryAfterSeconds: 1 })),
  );
  const started = Date.now();
  await openThenResolve(page, bot, timeline, offset);
  // Posts are what is measured (edits follow within Tier 3). What is still missing after ten minutes shows as
  // losses below, not as a crash of the benchmark.
  await until('every parent and reply', () => allPosted(slack, channels.length), {
    timeoutMs: 10 * 60_000,
    intervalMs: 100,
  }).catch(() => undefined);
  const elapsed = (Date.now() - started) / 1000;

  const ids = slack.deliveryIds();
  const duplicates = ids.length - new Set(ids).size;
  const losses = channels.filter((c) => !hasParentAndReply(slack, c.id)).length;
  await bot.stop();
  await slack.close();
  await page.close();
  return {
    name: `fan-out: 1 incident → ${channelCount} channels / ${workspaceCount} workspaces (${storeUrl ? 'redis' : 'sqlite'} store${options.label ? `, ${options.label}` : ''})`,
    result: `last delivery after ${elapsed.toFixed(1)} s; ${slack.messages.length} messages; ${slack.rateLimited + 5} × 429 met; ${duplicates} duplicates; ${losses} channels missing a message`,
    ok: duplicates === 0 && losses === 0,
  };
}

/** The same fan-out with the Redis store, as replicas would run it, on a redis-server this benchmark starts. */
export async function fanOutOnRedis(): Promise<BenchRow> {
  if (!(await redisServerInstalled('fan-out on Redis')))
    return { name: 'fan-out (redis store)', result: 'skipped: redis-server is not installed', ok: true };
  const redis = new OwnRedis(9891 + (process.pid % 100), await mkdtemp(join(tmpdir(), 'clerk-bench-redis-')));
  await redis.start();
  try {
    return await fanOut(1_000, 10, redis.url);
  } finally {
    await redis.stop();
  }
}
