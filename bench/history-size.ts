/**
 * history-size: what 90 days of history cost in the store. The history recorder (the one the leader runs after each
 * poll) sees 90 simulated days of 1 s polls of a 12-component page with a realistic amount of trouble: two incidents
 * a week (each about an hour, three updates, two components down and back), and ten short component blips a week.
 * Reports the SQLite file's size and the history's keys, against the same store before the history was kept (the
 * snapshot alone), and how long the 7.8 million recorder calls took.
 */
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/adapters/store/sqlite-store.js';
import { History } from '../src/app/history.js';
import type { Component, Incident, Snapshot } from '../src/core/events/page.js';
import type { BenchRow } from './run.js';

const DAY_S = 24 * 3600;
const DAYS = 90;
const NAMES = [
  'User and authentication',
  'Session management',
  'Machine authentication',
  'B2B SaaS',
  'Billing',
  'Webhooks',
  'Email delivery',
  'SMS delivery',
  'Dashboard',
  'Search',
  'Analytics',
  'Go live',
];

/** Deterministic trouble: incident k starts at a fixed second of its half-week. */
function pageAt(t: number, t0: number): Snapshot {
  const halfWeek = 3.5 * DAY_S;
  const k = Math.floor((t - t0) / halfWeek);
  const start = t0 + k * halfWeek + 20_000;
  const open = t >= start && t < start + 3_600;
  const blip = (t - t0) % (0.7 * DAY_S) < 90; // ten short blips a week
  const components: Component[] = NAMES.map((name, i) => ({
    id: `c${i}`,
    name,
    position: i,
    status:
      open && (i === k % 12 || i === (k + 5) % 12)
        ? 'partial_outage'
        : blip && i === 9
          ? 'degraded_performance'
          : 'operational',
  }));
  const incidents: Incident[] = [];
  for (let j = Math.max(0, k - 1); j <= k; j++) {
    const s = t0 + j * halfWeek + 20_000;
    if (t < s) continue;
    const resolved = t >= s + 3_600;
    const iso = (x: number) => new Date(x * 1000).toISOString();
    incidents.push({
      id: `inc${j}`,
      name: `Elevated errors on ${NAMES[j % 12]}`,
      status: resolved ? 'resolved' : 'investigating',
      impact: 'major',
      createdAt: iso(s),
      ...(resolved ? { resolvedAt: iso(s + 3_600) } : {}),
      url: `https://status.clerk.com/incidents/inc${j}`,
      updates: [
        {
          id: `u${j}a`,
          status: 'investigating',
          body: 'We are investigating elevated error rates.',
          at: iso(s),
        },
        ...(t >= s + 1_200
          ? [
              {
                id: `u${j}b`,
                status: 'identified' as const,
                body: 'We identified the cause and are deploying a fix.',
                at: iso(s + 1_200),
              },
            ]
          : []),
        ...(resolved
          ? [
              {
                id: `u${j}c`,
                status: 'resolved' as const,
                body: 'This incident has been resolved.',
                at: iso(s + 3_600),
              },
            ]
          : []),
      ],
      componentIds: [`c${j % 12}`, `c${(j + 5) % 12}`],
    });
  }
  return {
    page: { name: 'Clerk', url: 'https://status.clerk.com' },
    components,
    incidents,
    maintenances: [],
    fetchedAt: new Date(t * 1000).toISOString(),
  };
}

async function fileBytes(path: string): Promise<number> {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return (await stat(path)).size;
}

export async function historySize(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'clerk-history-'));
  const path = join(dir, 'state.db');
  const store = await openSqliteStore(path);
  const t0 = Math.floor(Date.parse('2026-09-01T00:00:00Z') / 1000);
  await store.set('watch:snapshot', pageAt(t0, t0));
  const before = await fileBytes(path);
  const history = new History(store);
  const started = performance.now();
  for (let t = t0; t < t0 + DAYS * DAY_S; t++) await history.record(pageAt(t, t0), t * 1000);
  const seconds = (performance.now() - started) / 1000;
  const window = await history.window(90, (t0 + DAYS * DAY_S) * 1000);
  await store.close();
  const after = await fileBytes(path);
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  return {
    name: `history-size: ${DAYS} days of 1 s polls (${window.incidents.length} incidents, ${window.changes.length} component changes)`,
    result: `SQLite file ${kib(before)} before the history → ${kib(after)} after (${kib(after - before)} for 90 days); ${window.watched.length} watched period(s); ${((DAYS * DAY_S) / 1e6).toFixed(1)} M recorder calls in ${seconds.toFixed(0)} s`,
    ok: window.incidents.length > 20 && after - before < 5 * 1024 * 1024,
  };
}
