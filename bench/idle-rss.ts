/**
 * Idle memory against a same-run baseline: the real bot (dist/main.js, HTTP mode, SQLite, 1 s polls, a few
 * subscribed channels, an incident open) and a bare Bolt 5 HTTP app, each its own process, each with the fake
 * Slack. RSS is read from /proc after all settled, as the median of several samples. The floor: within 1.2× Bolt as
 * people run it; the same Bolt started with the bot's Node flags is shown too, so the flags' share is visible.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { NODE_FLAGS, spawnBot } from '../devkit/harness/bot-process.js';
import { loadTimeline } from '../devkit/timeline.js';
import { until } from '../devkit/wait.js';
import { openSqliteStore } from '../src/adapters/store/sqlite-store.js';
import { SubscriptionRepo } from '../src/app/subscriptions.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import type { BenchRow } from './run.js';

const CHANNELS = ['C0A', 'C0B', 'C0C', 'C0D', 'C0E'];
const SETTLE_MS = 12_000;
const SAMPLES = 5;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function sampleRss(pids: number[]): Promise<number[][]> {
  const samples: number[][] = pids.map(() => []);
  for (let i = 0; i < SAMPLES; i++) {
    for (const [j, pid] of pids.entries()) samples[j]?.push(rssMiB(pid));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return samples;
}

function startBareBolt(env: Record<string, string>, flags: string[] = []) {
  const script = fileURLToPath(new URL('./bare-bolt.mjs', import.meta.url));
  const child = spawn(process.execPath, [...flags, script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return { child, started: () => out.includes('started') };
}

export async function idleRssAgainstBolt(): Promise<BenchRow> {
  const timeline = loadTimeline('clerk-2026-02-10-dns-outage');
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  for (const id of CHANNELS) slack.addChannel({ id, name: id });
  // An incident is open (step 3 of the DNS outage), shifted to the present.
  page.serveStep(timeline, 3, Date.now() - Date.parse(timeline.steps[3]?.fetchedAt ?? ''));
  const statePath = await tempStatePath();
  const store = await openSqliteStore(statePath);
  const repo = new SubscriptionRepo(store);
  for (const id of CHANNELS) await repo.put(defaultSubscription('T0TEAM', id, 'U', new Date().toISOString()));
  await store.close();
  const env = fakeSlackEnv(slack, page);
  const bot = spawnBot({
    ...env,
    STORE_URL: `file:${statePath}`,
    POLL_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'warn',
  });
  // Bolt as people run it (Node's defaults), and Bolt with the Node flags the bot ships with.
  const bolt = startBareBolt(env);
  const boltFlagged = startBareBolt(env, NODE_FLAGS);
  try {
    await until('the bare Bolt apps to start', () => bolt.started() && boltFlagged.started(), {
      timeoutMs: 15_000,
    });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const polls = page.requests.length;
    const pids = [bot.child.pid, bolt.child.pid, boltFlagged.child.pid].map((pid) => pid ?? 0);
    const [botMiB = 0, boltMiB = 0, flaggedMiB = 0] = (await sampleRss(pids)).map(median);
    const mib = (v: number) => `${v.toFixed(1)} MiB`;
    return {
      name: `idle RSS, HTTP mode, SQLite, 1 s polls, ${CHANNELS.length} channels, an incident open (the bot as shipped vs a bare Bolt 5 app, same run; floor 1.2×)`,
      result: `bot ${mib(botMiB)}; bare Bolt ${mib(boltMiB)} (${(botMiB / boltMiB).toFixed(2)}×); bare Bolt with the bot's Node flags ${mib(flaggedMiB)} (${(botMiB / flaggedMiB).toFixed(2)}×); ${polls} page requests while settling`,
      ok: botMiB > 0 && boltMiB > 0 && flaggedMiB > 0 && polls > 0,
    };
  } finally {
    await bot.kill('SIGTERM');
    bolt.child.kill('SIGTERM');
    boltFlagged.child.kill('SIGTERM');
    await slack.close();
    await page.close();
  }
}
