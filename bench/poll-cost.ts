/**
 * Poll cost: CPU time and allocation of one poll cycle's pure work on the largest recorded fixture (JSON
 * parse + zod + normalize + diff + group + plan and render for two channels), and the process's idle RSS after
 * an hour of simulated one-second polls through the real bot.
 */

import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { loadTimeline } from '../devkit/timeline.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';
import { carryOver } from '../src/core/detect/carry-over.js';
import { diff } from '../src/core/detect/diff.js';
import { groupComponentChanges } from '../src/core/detect/group-changes.js';
import type { Snapshot } from '../src/core/events/page.js';
import { plan, threadIdsFor } from '../src/core/plan/plan.js';
import type { ThreadState } from '../src/core/plan/types.js';
import { parseDocuments } from '../src/core/status-page/parse.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import type { BenchRow } from './run.js';

const gc = (globalThis as { gc?: () => void }).gc;

export function pollCycleCost(rounds = 100): BenchRow {
  const timeline = loadTimeline('clerk-2026-02-10-dns-outage');
  const wire = timeline.steps.map((s) => ({
    summary: JSON.stringify(s.summary),
    incidents: JSON.stringify(s.incidents),
    at: s.fetchedAt,
  }));
  const subscriptions = [
    defaultSubscription('T', 'A', 'U', 'now'),
    { ...defaultSubscription('T', 'B', 'U', 'now'), minSeverity: 'partial' as const },
  ];
  const cycle = (previous: Snapshot, i: number): Snapshot => {
    const doc = wire[i] as (typeof wire)[number];
    const next = parseDocuments(JSON.parse(doc.summary), JSON.parse(doc.incidents), doc.at).snapshot;
    const events = groupComponentChanges(diff(previous, carryOver(previous, next)));
    for (const subscription of subscriptions) {
      const threads: Record<string, ThreadState> = {};
      for (const event of events)
        plan({
          event,
          subscription,
          threads: Object.fromEntries(threadIdsFor(event).map((id) => [id, threads[id]])),
          statusPageUrl: 's',
        });
    }
    return next;
  };
  const first = parseDocuments(
    JSON.parse(wire[0]?.summary ?? '{}'),
    JSON.parse(wire[0]?.incidents ?? '{}'),
    wire[0]?.at ?? '',
  ).snapshot;
  const pass = () => {
    let previous = first;
    for (let i = 1; i < wire.length; i++) previous = cycle(previous, i);
  };
  pass(); // warm up the JIT

  // CPU: plain passes, no forced collections.
  const cpuBefore = process.cpuUsage();
  for (let r = 0; r < rounds; r++) pass();
  const cpu = process.cpuUsage(cpuBefore);
  const cycles = rounds * (wire.length - 1);
  const cpuMs = (cpu.user + cpu.system) / 1000 / cycles;

  // Allocation: heap growth over single cycles, each after a forced collection.
  let allocated = 0;
  let measured = 0;
  if (gc) {
    for (let r = 0; r < 20; r++) {
      let previous = first;
      for (let i = 1; i < wire.length; i++) {
        gc();
        const heap = process.memoryUsage().heapUsed;
        previous = cycle(previous, i);
        allocated += Math.max(0, process.memoryUsage().heapUsed - heap);
        measured++;
      }
    }
  }
  const largest = Math.max(...wire.map((w) => w.summary.length + w.incidents.length));
  const bytes = gc
    ? `~${Math.round(allocated / measured / 1024)} KiB allocated`
    : 'allocation n/a (run with --expose-gc)';
  return {
    name: `poll cost: one cycle on the largest fixture (up to ${Math.round(largest / 1024)} KiB of JSON per poll; parse, zod, diff, plan and render for 2 channels)`,
    result: `${cpuMs.toFixed(2)} ms CPU and ${bytes} per poll (${cycles} cycles)`,
    ok: true,
  };
}

export async function idleRssAfterAnHour(polls = 3_600): Promise<BenchRow> {
  const timeline = loadTimeline('clerk-2026-02-10-dns-outage');
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  for (const id of ['C0A', 'C0B']) slack.addChannel({ id, name: id });
  const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  page.serveStep(timeline, 0, offset);
  const config = loadConfig(
    fakeSlackEnv(slack, page, { SLACK_BOT_TOKEN: 'xoxb-bench', STORE_URL: `file:${await tempStatePath()}` }),
  );
  const bot = await start(config, createLogger('silent'), {
    pacing: {
      perChannelMs: 0,
      postsPerSecond: 10_000,
      postBurst: 1_000,
      updatesPerSecond: 10_000,
      updateBurst: 1_000,
    },
  });
  for (const id of ['C0A', 'C0B'])
    await bot.subscriptions.put(defaultSubscription('T0TEAM', id, 'U', new Date().toISOString()));
  const started = Date.now();
  for (let i = 0; i < polls; i++) {
    // The incident unfolds over the hour: a new step every 400 polls.
    if (i % 400 === 0) page.serveStep(timeline, Math.min(timeline.steps.length - 1, i / 400), offset);
    await bot.pollNow();
  }
  while ((await bot.pendingEvents()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (Date.now() - started) / 1000;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  await bot.stop();
  await slack.close();
  await page.close();
  return {
    name: `idle memory after an hour of 1 s polls (${polls} polls through the real bot, run in ${seconds.toFixed(0)} s; one process holding bot, fake Slack and fake page)`,
    result: `RSS ${Math.round(rss / 1024 / 1024)} MiB, heap ${Math.round(heapUsed / 1024 / 1024)} MiB; ${slack.messages.length} messages`,
    ok: slack.messages.length > 0,
  };
}
