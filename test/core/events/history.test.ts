/**
 * The history's arithmetic, by hand: incident durations over every recorded Clerk timeline, each component's share
 * of watched time operational (time the bot did not watch is left out, not counted as up), and how long comparable
 * incidents took.
 */
import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { incidentNow } from '../../../src/core/detect/incidents.js';
import {
  type ChangeRecord,
  componentShares,
  durationOf,
  type IncidentRecord,
  incidentRecordOf,
  typicalDuration,
} from '../../../src/core/events/history.js';

const MIN = 60_000;

describe('incident durations over the recorded timelines', () => {
  // By hand from each fixture's created_at and resolved_at.
  it.each([
    ['clerk-2026-02-10-dns-outage', 128 * MIN],
    ['clerk-2026-04-26-handshake-endpoint', 36 * MIN],
  ])('%s lasted as its page says', (name, expected) => {
    const last = timelineSnapshots(name).at(-1);
    const incident = last?.incidents.find((i) => i.status === 'resolved' || i.status === 'postmortem');
    if (!last || !incident) throw new Error('fixture');
    const record = incidentRecordOf(
      incident,
      incidentNow(last, incident.id)?.affected ?? [],
      undefined,
      false,
    );
    expect(Math.round((durationOf(record) ?? 0) / MIN) * MIN).toBe(expected);
    expect(record.firstWords?.length).toBeGreaterThan(0);
  });
});

describe('share of time operational', () => {
  const t0 = Date.parse('2026-12-01T00:00:00Z');
  const change = (minute: number, from: string, to: string): ChangeRecord =>
    ({
      componentId: 'c1',
      name: 'Frontend API',
      from,
      to,
      at: new Date(t0 + minute * MIN).toISOString(),
    }) as ChangeRecord;
  const fapi = [{ id: 'c1', name: 'Frontend API', status: 'operational' as const }];

  it.each([
    // 100 minutes watched, 20 of them down: 80%.
    [
      'down 20 of 100 minutes',
      [change(30, 'operational', 'major_outage'), change(50, 'major_outage', 'operational')],
      [{ from: t0, to: t0 + 100 * MIN }],
      0.8,
    ],
    // Watched 0–50 and 80–100 (70 minutes); down 40–90: 10 + 10 = 20 watched minutes down → 50/70.
    [
      'a gap is left out, not counted as up',
      [change(40, 'operational', 'partial_outage'), change(90, 'partial_outage', 'operational')],
      [
        { from: t0, to: t0 + 50 * MIN },
        { from: t0 + 80 * MIN, to: t0 + 100 * MIN },
      ],
      50 / 70,
    ],
    // Down since before the window (the change's `from` says what held at its start).
    [
      'down at the start of the window',
      [change(20, 'degraded_performance', 'operational')],
      [{ from: t0, to: t0 + 100 * MIN }],
      0.8,
    ],
    ['never changed: fully up', [], [{ from: t0, to: t0 + 100 * MIN }], 1],
  ] as const)('%s', (_name, changes, watched, expected) => {
    const [share] = componentShares(fapi, [...changes], [...watched], t0, t0 + 100 * MIN);
    expect(share?.operational).toBeCloseTo(expected, 6);
  });

  it('no watched time: no record, not 100%', () => {
    expect(componentShares(fapi, [], [], t0, t0 + 100 * MIN)[0]?.operational).toBeNull();
  });
});

describe('how long comparable incidents took', () => {
  const record = (id: string, minutes: number, components = ['c1']): IncidentRecord => ({
    id,
    name: id,
    impact: 'major',
    url: `https://status.clerk.com/incidents/${id}`,
    components: components.map((c) => ({ id: c, name: c === 'c1' ? 'Session management' : c })),
    openedAt: `2026-11-${String(10 + Number(id.slice(1))).padStart(2, '0')}T00:00:00.000Z`,
    resolvedAt: new Date(
      Date.parse(`2026-11-${String(10 + Number(id.slice(1))).padStart(2, '0')}T00:00:00.000Z`) +
        minutes * MIN,
    ).toISOString(),
  });

  it('needs three resolved incidents touching the component; gives the median and the longest', () => {
    const two = [record('i1', 30), record('i2', 60)];
    expect(typicalDuration(two, ['c1'], 'now')).toBeUndefined();
    const four = [...two, record('i3', 20), record('i4', 128), record('i5', 5, ['c2'])];
    expect(typicalDuration(four, ['c1'], 'now')).toEqual({
      count: 4,
      medianMs: 45 * MIN,
      longestMs: 128 * MIN,
      componentName: 'Session management',
    });
    expect(typicalDuration(four, ['c1'], 'i4')?.count).toBe(3); // the incident itself is not its own precedent
  });
});
