/**
 * Own checks and jobs under two real processes on one store, logging at trace: each check slot runs once and each job
 * slot fires once whichever process leads; the leader SIGKILLed in the middle of a job's request leaves that slot
 * fired once (the other takes over the schedule, never the slot); no header value reaches any log line.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeAppServer } from '../../devkit/fake-app-server.js';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { ownSqlite, storeUrlOf } from '../../devkit/harness/test-stores.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const timeline = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');
const SECRET = 'cron-secret-91ab';
const processes: BotProcess[] = [];
const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  for (const close of closing) await close();
});

const CHECKS = `checks:
  - name: health
    url: \${APP}/health
    every: 1s
    headers: { Authorization: "Bearer \${CRON_SECRET}" }
jobs:
  - name: cleanup
    url: \${APP}/cron/cleanup
    every: 1s
    headers: { Authorization: "Bearer \${CRON_SECRET}" }
    retries: 0
`;

const isLeader = async (bot: BotProcess) =>
  ((await (await fetch(`http://127.0.0.1:${await bot.port()}/status`)).json()) as { leader: boolean }).leader;

describe('own checks and jobs on two processes', () => {
  it('one run per check slot, one fire per job slot, through a SIGKILL mid-job; no secret in any log', async () => {
    const app = await FakeAppServer.start();
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    closing.push(
      () => app.close(),
      () => slack.close(),
      () => page.close(),
    );
    page.serveStep(timeline, 0, Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? ''));
    const file = join(await mkdtemp(join(tmpdir(), 'clerk-checks-')), 'checks.yml');
    await writeFile(file, CHECKS);
    const store = await ownSqlite('clerk-checks-replicas');
    const env = fakeSlackEnv(slack, page, {
      POLL_INTERVAL_SECONDS: '1',
      STORE_URL: storeUrlOf(store),
      CHECKS_FILE: file,
      APP: app.url,
      CRON_SECRET: SECRET,
      LOG_LEVEL: 'trace',
    });
    const first = spawnBot(env);
    processes.push(first);
    await until('the first to lead', () => isLeader(first), { timeoutMs: 20_000 });
    const second = spawnBot(env);
    processes.push(second);
    await second.port();
    const slots = () => app.to('/cron/cleanup').map((r) => String(r.headers['x-clerk-status-job-slot']));
    await until('five job slots fired', () => new Set(slots()).size >= 5, { timeoutMs: 20_000 });

    // The next job request hangs in the app; the leader is killed while it waits.
    app.modes.set('/cron/cleanup', 'slow');
    app.slowMs = 3_000;
    const before = app.to('/cron/cleanup').length;
    await until('a job request out', () => app.to('/cron/cleanup').length > before, { timeoutMs: 10_000 });
    const interrupted = slots().at(-1);
    const leader = (await isLeader(first)) ? first : second;
    const survivor = leader === first ? second : first;
    await leader.kill('SIGKILL');
    app.modes.set('/cron/cleanup', 'pass');
    await until('the survivor leading', () => isLeader(survivor), { timeoutMs: 20_000 });
    const firedBySurvivor = app.to('/cron/cleanup').length;
    await until('the survivor firing slots', () => app.to('/cron/cleanup').length >= firedBySurvivor + 3, {
      timeoutMs: 20_000,
    });

    const all = slots();
    expect(all.length - new Set(all).size).toBe(0); // never twice for one slot
    expect(all.filter((s) => s === interrupted)).toHaveLength(1); // the interrupted slot was not fired again
    // Checks: one request per second at most, however many processes (the slot is claimed in the store).
    const checkTimes = app.to('/health').map((r) => r.at);
    const perSecond = new Map<number, number>();
    for (const t of checkTimes)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2); // a slot's request can land just after a second turns
    expect(checkTimes.length).toBeLessThanOrEqual(new Set([...perSecond.keys()]).size + 2);
    // The secret went in the requests, and into no log line of either process, at trace.
    expect(app.to('/health')[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    const logs = JSON.stringify([...first.logs, ...second.logs, ...first.stdout, ...second.stdout]);
    expect(logs).not.toContain(SECRET);
    expect(first.logs.length + second.logs.length).toBeGreaterThan(20);
    await survivor.kill('SIGTERM');
  }, 90_000);
});
