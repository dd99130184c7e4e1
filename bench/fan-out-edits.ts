/**
 * fan-out-edits: 40 channels in one workspace; the fake Slack allows 1 post/s per channel and 50 chat.update a
 * minute (Tier 3); an incident whose four updates, 3 s apart, each change its parent. For each update: the time
 * until all 40 channels have its reply, against the floor (the posts needed so far ÷ Slack's workspace budget of
 * 5 posts a second, minus when the update arrived); the 429s; the chat.update calls; every parent's final state;
 * duplicates.
 */
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { until } from '../devkit/wait.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import type { BenchRow } from './run.js';

const CHANNELS = 40;
/** Slack's workspace posting budget as the fake enforces it: "several hundred per minute", taken as 300. */
const SLACK_POSTS_PER_SECOND = 5;
const GAP_S = 3;
const page = { id: 'P', name: 'Clerk', url: 'https://status.clerk.com' };
const at = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** The page after `n` updates: opened investigating, then identified, monitoring, a wider outage, resolved. */
function documents(n: number, t0: number) {
  const steps = [
    {
      status: 'investigating',
      component: 'degraded_performance',
      body: 'We are investigating sign-in errors.',
    },
    { status: 'identified', component: 'degraded_performance', body: 'We found the cause.' },
    { status: 'monitoring', component: 'degraded_performance', body: 'A fix is rolling out.' },
    { status: 'monitoring', component: 'partial_outage', body: 'Errors rose again in one region.' },
    { status: 'resolved', component: 'operational', body: 'All good now.' },
  ].slice(0, n + 1);
  const last = steps.at(-1) ?? { status: 'investigating', component: 'operational' };
  const time = (i: number) => new Date(t0 + i * GAP_S * 1000).toISOString();
  const incident = {
    id: 'INC1',
    name: 'Sign-in errors',
    status: last.status,
    impact: 'major',
    created_at: time(0),
    updated_at: time(n),
    ...(last.status === 'resolved' ? { resolved_at: time(n) } : {}),
    incident_updates: steps
      .map((s, i) => ({ id: `U${i}`, status: s.status, body: s.body, created_at: time(i) }))
      .reverse(),
  };
  return {
    summary: {
      page,
      components: [{ id: 'C1', name: 'Session management', status: last.component, updated_at: time(n) }],
    },
    incidents: { page, incidents: [incident] },
  };
}

export async function fanOutEdits(): Promise<BenchRow> {
  const status = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  slack.enforceLimits({
    perChannelMs: 1_000,
    perWorkspacePerMinute: SLACK_POSTS_PER_SECOND * 60,
    updatesPerMinute: 50,
  });
  const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(3, '0')}`);
  for (const id of channels) slack.addChannel({ id, name: id.toLowerCase() });
  status.serve(
    {
      page,
      components: [{ id: 'C1', name: 'Session management', status: 'operational', updated_at: at(-60) }],
    },
    { page, incidents: [] },
  );
  const config = loadConfig(fakeSlackEnv(slack, status, { STORE_URL: `file:${await tempStatePath()}` }));
  const bot = await start(config, createLogger('silent'), { deliveryRetryMs: 100 });
  for (const id of channels) await bot.subscriptions.put(defaultSubscription('T0TEAM', id, 'U0BENCH', at(0)));
  await bot.pollNow(); // seed
  bot.startSchedule();
  const t0 = Date.now();
  const reached: number[] = [];
  for (let n = 0; n <= 4; n++) {
    const served = Date.now();
    const { summary, incidents } = documents(n, t0);
    status.serve(summary, incidents);
    await bot.pollNow();
    const everywhere = () =>
      channels.every((c) => slack.replies(c, slack.parents(c)[0]?.ts ?? '').length >= n);
    if (n > 0)
      void until(`update ${n} everywhere`, everywhere, { timeoutMs: 120_000, intervalMs: 20 }).then(() => {
        reached[n] = (Date.now() - served) / 1000;
      });
    if (n < 4) await new Promise((resolve) => setTimeout(resolve, GAP_S * 1000 - (Date.now() - served)));
  }
  await until('every update everywhere', () => reached.filter(Boolean).length === 4, { timeoutMs: 180_000 });
  await until('nothing pending', async () => (await bot.pendingEvents()) === 0, { timeoutMs: 180_000 });
  const parentsFinal = channels.every((c) => /Resolved after/.test(slack.parents(c)[0]?.text ?? ''));
  const ids = slack.deliveryIds();
  const duplicates = ids.length - new Set(ids).size;
  // The floor is Slack's budget, not the bot's own pacing: every post so far (the parents, then one reply a channel
  // per update) at the workspace's sustained rate, minus when the update arrived; and never less than one update's
  // posts at that rate.
  const floor = (n: number) =>
    Math.max(CHANNELS / SLACK_POSTS_PER_SECOND, (CHANNELS * (n + 1)) / SLACK_POSTS_PER_SECOND - GAP_S * n);
  const updates = slack.callsOf('chat.update').length;
  await bot.stop();
  await slack.close();
  await status.close();
  const ratios = [1, 2, 3, 4].map((n) => (reached[n] ?? Number.NaN) / floor(n));
  return {
    name: `fan-out-edits: ${CHANNELS} channels / 1 workspace, 4 parent-changing updates ${GAP_S} s apart (1 post/s/channel, 50 edits/min)`,
    result: `${[1, 2, 3, 4].map((n) => `update ${n} everywhere after ${reached[n]?.toFixed(1)} s (floor ${floor(n).toFixed(1)} s, ×${ratios[n - 1]?.toFixed(2)})`).join('; ')}; ${updates} chat.update calls for ${4 * CHANNELS} parent changes; ${slack.rateLimited} posts answered 429; parents final: ${parentsFinal ? 'all' : 'NOT ALL'}; ${duplicates} duplicates`,
    ok: duplicates === 0 && parentsFinal,
  };
}
