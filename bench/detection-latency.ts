/**
 * Detection latency: the bot polls every second; 20 component changes happen on the status page at random
 * moments. Measured: from the change on the page to its message accepted by the fake Slack. The floor is the
 * poll interval (a change waits up to one interval to be seen); the ratio says how close we get to it.
 */

import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { loadTimeline } from '../devkit/timeline.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';
import type { ComponentStatus } from '../src/core/events/page.js';
import { COMPONENT_STATUS_LABEL } from '../src/core/render/labels.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import type { BenchRow } from './run.js';
import { percentile } from './stats.js';

interface RawComponent {
  id: string;
  name: string;
  status: string;
  updated_at: string;
}

export interface Latencies {
  latencies: number[];
  changes: number;
}

export async function detectionLatency(changes = 20): Promise<BenchRow> {
  const { latencies } = await measureDetection(changes);
  const p50 = percentile(latencies, 50);
  return {
    name: `detection latency: ${changes} changes at random moments, 1 s polls`,
    result: `p50 ${p50} ms, p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms (p50 = ${(p50 / 1000).toFixed(2)}× the poll interval); ${latencies.length}/${changes} delivered`,
    ok: latencies.length === changes,
  };
}

/** Change → message latencies, with `extraEnv` (a checks file, for the own-checks case). */
export async function measureDetection(
  changes: number,
  extraEnv: Record<string, string> = {},
): Promise<Latencies> {
  const base = loadTimeline('clerk-2026-04-26-handshake-endpoint').steps[0];
  const summary = structuredClone(base?.summary) as { components: RawComponent[] };
  const incidents = { page: { name: 'Clerk', url: 'https://status.clerk.com/' }, incidents: [] };
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  slack.addChannel({ id: 'C0LAT', name: 'latency' });
  const accepted: { at: number; text: string }[] = [];
  slack.onActivity = (activity) => accepted.push({ at: Date.now(), text: activity.message.text });
  page.serve(summary, incidents);

  const config = loadConfig(
    fakeSlackEnv(slack, page, {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      POLL_INTERVAL_SECONDS: '1',
      STORE_URL: `file:${await tempStatePath()}`,
      ...extraEnv,
    }),
  );
  const bot = await start(config, createLogger('silent'));
  await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0LAT', 'U0BENCH', new Date().toISOString()));
  await bot.pollNow(); // seed
  bot.startSchedule();

  const made: { at: number; needle: string }[] = [];
  for (let i = 0; i < changes; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_200 + Math.random() * 2_300));
    const component = summary.components[i % summary.components.length] as RawComponent;
    const from = component.status as ComponentStatus;
    const to: ComponentStatus = from === 'operational' ? 'degraded_performance' : 'operational';
    component.status = to;
    component.updated_at = new Date().toISOString();
    page.serve(summary, incidents);
    made.push({
      at: Date.now(),
      needle: `${component.name} ${COMPONENT_STATUS_LABEL[from]} → ${COMPONENT_STATUS_LABEL[to]}`,
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await bot.stop();
  await slack.close();
  await page.close();

  const latencies = made.flatMap((change) => {
    const hit = accepted.find((a) => a.at >= change.at && a.text.includes(change.needle));
    return hit ? [hit.at - change.at] : [];
  });
  return { latencies, changes };
}
