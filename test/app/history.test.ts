/**
 * The history recorder on a real SQLite file: what incidents.json lists from before the bot first watched is kept,
 * marked imported, once; an incident seen live is not; an unchanged page writes nothing but the watched period.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { History } from '../../src/app/history.js';
import type { Incident, Snapshot } from '../../src/core/events/page.js';

const t0 = Date.parse('2026-12-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const incident = (id: string, opened: number, resolved?: number): Incident => ({
  id,
  name: `Incident ${id}`,
  status: resolved ? 'resolved' : 'investigating',
  impact: 'minor',
  createdAt: iso(opened),
  ...(resolved ? { resolvedAt: iso(resolved) } : {}),
  url: `https://status.clerk.com/incidents/${id}`,
  updates: [{ id: `${id}u`, status: 'investigating', body: 'Looking.', at: iso(opened) }],
});
const page = (at: number, incidents: Incident[]): Snapshot => ({
  page: { name: 'Clerk', url: 'https://status.clerk.com' },
  components: [{ id: 'c1', name: 'Frontend API', status: 'operational', position: 1 }],
  incidents,
  maintenances: [],
  fetchedAt: iso(at),
});

/** SQLite's own count of commits by other connections to the file: it moves exactly when the bot writes. */
function commitsSeenFrom(path: string): () => number {
  const db = new Database(path, { readonly: true });
  return () => Number(db.pragma('data_version', { simple: true }));
}

describe('the history recorder', () => {
  it('marks what the page listed from before the bot watched as imported, and writes only what changed', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'clerk-hist-')), 'state.db');
    const sqlite = await openSqliteStore(path);
    const writes = commitsSeenFrom(path);
    const history = new History(sqlite);
    const old = incident('old', t0 - 10 * 86_400_000, t0 - 10 * 86_400_000 + 3_600_000);
    await history.record(page(t0, [old]), t0);
    const first = writes();
    for (let i = 1; i <= 30; i++) await history.record(page(t0 + i * 1000, [old]), t0 + i * 1000);
    expect(writes()).toBe(first); // 30 polls of an unchanged page: nothing written
    const live = incident('live', t0 + 40_000);
    await history.record(page(t0 + 41_000, [live, old]), t0 + 41_000);
    expect(writes()).toBeGreaterThan(first); // and a new incident is written: the count does move
    const { incidents } = await new History(sqlite).window(30, t0 + 60_000);
    expect(incidents.map((r) => [r.id, r.imported ?? false])).toEqual([
      ['live', false],
      ['old', true],
    ]);
    await sqlite.close();
  });
});
