/**
 * Jobs as the schedule meets reality, on a real SQLite store and the real HTTP client against the suite's fake app:
 * a slot missed while the bot was down fires once at start if it is less than an interval old (and never for a job
 * the bot never ran); a slot fires once however often it comes due; with holdWhileClerkDown it waits while Clerk is
 * down and fires once after; retries stop at the limit and the failure is one event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAppServer } from '../../../devkit/fake-app-server.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { OwnHttpClient } from '../../../src/adapters/own-checks/http-client.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite-store.js';
import { CheckStore } from '../../../src/app/checks/check-store.js';
import { JOB_SLOT_HEADER, JobCycle } from '../../../src/app/checks/job-cycle.js';
import type { Store } from '../../../src/app/ports/store.js';
import type { JobDefinition } from '../../../src/core/checks/definitions.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';

let app: FakeAppServer;
let store: Store;
const http = new OwnHttpClient();
const silent = { error() {}, warn() {}, info() {}, debug() {} };

beforeAll(async () => {
  app = await FakeAppServer.start();
  store = await openSqliteStore(await tempStatePath());
});
afterAll(async () => {
  await http.close();
  await store.close();
  await app.close();
});

const job = (name: string, extra: Partial<JobDefinition> = {}): JobDefinition => ({
  name,
  url: `${app.url}/cron/${name}`,
  schedule: { kind: 'every', ms: 60_000 },
  method: 'POST',
  headers: {},
  timeoutMs: 2_000,
  retries: 2,
  holdWhileClerkDown: false,
  ...extra,
});

function cycle(clerkDown = () => false) {
  const events: BotEvent[] = [];
  const jobs = new JobCycle({
    store: new CheckStore(store),
    http,
    clerkDown,
    enqueue: async (e) => void events.push(...e),
    isLeader: () => true,
    log: silent,
    backoffMs: () => 10,
  });
  return { jobs, events };
}
const fired = (name: string) => app.to(`/cron/${name}`).map((r) => r.headers[JOB_SLOT_HEADER]);
const NOW = Date.parse('2026-12-07T12:00:30Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('jobs', () => {
  it('a slot missed while down fires once at start if less than an interval old', async () => {
    const { jobs } = cycle();
    const j = job('recent');
    await jobs.scheduled(j, iso(NOW - 30_000)); // what the bot expected next before it went down
    await jobs.catchUp(j, iso(NOW + 30_000), NOW, 60_000);
    await jobs.catchUp(j, iso(NOW + 30_000), NOW, 60_000); // a second start does not fire it again
    expect(fired('recent')).toEqual([iso(NOW - 30_000)]);
  });

  it('a slot older than an interval, or a job never run before, is not fired at start', async () => {
    const { jobs } = cycle();
    const old = job('old');
    await jobs.scheduled(old, iso(NOW - 90_000));
    await jobs.catchUp(old, iso(NOW + 30_000), NOW, 60_000);
    await jobs.catchUp(job('new'), iso(NOW + 30_000), NOW, 60_000);
    expect([...fired('old'), ...fired('new')]).toEqual([]);
  });

  it('a slot due twice (another replica, a repeated tick) fires once', async () => {
    const { jobs } = cycle();
    const j = job('twice');
    await Promise.all([jobs.due(j, iso(NOW), 'scheduled'), jobs.due(j, iso(NOW), 'scheduled')]);
    expect(fired('twice')).toEqual([iso(NOW)]);
  });

  it('held while Clerk is down, fired once after it recovers', async () => {
    let down = true;
    const { jobs } = cycle(() => down);
    const j = job('held', { holdWhileClerkDown: true });
    await jobs.due(j, iso(NOW), 'scheduled');
    await jobs.releaseHeld([j]);
    expect(fired('held')).toEqual([]);
    down = false;
    await jobs.releaseHeld([j]);
    await jobs.releaseHeld([j]);
    expect(fired('held')).toEqual([iso(NOW)]);
  });

  it('retries 5xx up to its limit, then one job.failed event; a 4xx is not retried', async () => {
    const { jobs, events } = cycle();
    app.modes.set('/cron/failing', 'fail');
    await jobs.due(job('failing'), iso(NOW), 'scheduled');
    expect(fired('failing')).toHaveLength(3); // 1 + 2 retries
    expect(events).toMatchObject([{ kind: 'job.failed', job: { name: 'failing', attempts: 3 } }]);
    app.modes.set('/cron/refused', 'redirect'); // a 3xx: an answer, not a transient failure
    await jobs.due(job('refused'), iso(NOW), 'scheduled');
    expect(fired('refused')).toHaveLength(1);
  });
});
