/**
 * detect() over every recorded Clerk timeline, step by step, as the poller runs it: the first page seeds and
 * announces nothing; an unreadable or implausible page announces nothing and keeps what was seen; the source's
 * health speaks once after `unreachableAfter` failures and once on recovery.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { detect, type Seen } from '../../../src/core/detect/detect.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';

const policy = { maxUpdateAgeMs: 24 * 3600_000, unreachableAfter: 3 };
const timelines = readdirSync(join(import.meta.dirname, '../../fixtures')).filter((f) =>
  f.startsWith('clerk-'),
);

function run(name: string) {
  const snapshots = timelineSnapshots(name.replace(/\.json$/, ''));
  let seen: Seen = { snapshot: undefined, health: undefined };
  const perStep: BotEvent[][] = [];
  for (const snapshot of snapshots) {
    const detection = detect(seen, { ok: true, snapshot }, Date.parse(snapshot.fetchedAt), policy);
    perStep.push(detection.events);
    seen = { snapshot: detection.snapshot, health: detection.health };
  }
  return { snapshots, perStep, seen };
}

describe.each(timelines)('detect() over %s', (name) => {
  const { perStep, seen, snapshots } = run(name);

  it('seeds on the first page and announces nothing then', () => {
    expect(perStep[0]).toEqual([]);
  });

  it('announces the incident opening and its resolution, each once, with ids from the data alone', () => {
    const kinds = perStep.flat().map((e) => e.kind);
    expect(kinds.filter((k) => k === 'incident.opened').length).toBeLessThanOrEqual(1);
    expect(kinds.filter((k) => k === 'incident.resolved')).toHaveLength(1);
    const ids = perStep.flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The same pages give the same events: nothing depends on the run.
    expect(run(name).perStep).toEqual(perStep);
  });

  it('an unreadable page announces nothing, keeps what was seen, and speaks once after three failures', () => {
    const last = snapshots.at(-1);
    if (!last) throw new Error('empty timeline');
    let state = seen;
    const told: BotEvent[] = [];
    for (let i = 1; i <= 4; i++) {
      const d = detect(
        state,
        { ok: false, reason: 'timeout' },
        Date.parse(last.fetchedAt) + i * 30_000,
        policy,
      );
      expect(d.snapshot).toBe(seen.snapshot);
      expect(d.failure?.reason).toBe('timeout');
      told.push(...d.events);
      state = { snapshot: d.snapshot, health: d.health };
    }
    expect(told.map((e) => e.kind)).toEqual(['source.unreachable']);
    const back = detect(state, { ok: true, snapshot: last }, Date.parse(last.fetchedAt) + 150_000, policy);
    expect(back.events.map((e) => e.kind)).toEqual(['source.recovered']);
  });

  it('changes older than the age limit are recorded and named as stale, not announced', () => {
    const last = snapshots.at(-1);
    const first = snapshots[0];
    if (!last || !first) throw new Error('empty timeline');
    const seed = detect({ snapshot: undefined, health: undefined }, { ok: true, snapshot: first }, 0, policy);
    const weekLater = Date.parse(last.fetchedAt) + 7 * 24 * 3600_000;
    const d = detect(
      { snapshot: seed.snapshot, health: seed.health },
      { ok: true, snapshot: last },
      weekLater,
      policy,
    );
    expect(d.events).toEqual([]);
    expect(d.stale.length).toBeGreaterThan(0);
    expect(d.snapshot?.incidents[0]?.id).toBe(last.incidents[0]?.id);
  });

  it('a page that suddenly lists no components is implausible: nothing announced, nothing forgotten', () => {
    const last = snapshots.at(-1);
    if (!last) throw new Error('empty timeline');
    const empty = { ...last, components: [] };
    const d = detect(seen, { ok: true, snapshot: empty }, Date.parse(last.fetchedAt) + 30_000, policy);
    expect(d.events).toEqual([]);
    expect(d.snapshot).toBe(seen.snapshot);
    expect(d.failure?.implausibility).toMatch(/no components/);
  });
});
