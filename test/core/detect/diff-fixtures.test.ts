import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { loadTimeline, timelineNames } from '../../../devkit/timeline.js';
import { carryOver } from '../../../src/core/detect/carry-over.js';
import { diff } from '../../../src/core/detect/diff.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';

/** A compact, renderer-independent description of an event, so expectations read like the timeline. */
function brief(e: BotEvent): string {
  switch (e.kind) {
    case 'component.changed':
      return `component ${e.name}: ${e.from} > ${e.to}`;
    case 'component.added':
      return `component ${e.name}: added ${e.status}`;
    case 'component.removed':
      return `component ${e.name}: removed`;
    case 'incident.opened':
      return `opened "${e.incident.name}" at ${e.update?.status ?? e.incident.status}`;
    case 'incident.updated':
      return `update ${e.previousStatus} > ${e.update.status}${e.afterResolution ? ' after resolution' : ''}`;
    case 'incident.resolved':
      return `resolved after ${Math.round((e.durationMs ?? 0) / 60_000)} min`;
    default:
      return e.kind;
  }
}

const allOut = (names: string[], from: string, to: string) =>
  names.map((n) => `component ${n}: ${from} > ${to}`);
const DNS_HIT = ['User and authentication', 'Machine authentication', 'B2B SaaS', 'Billing', 'Webhooks'];
const DEGRADED_RECOVERED = [
  'Machine authentication',
  'B2B SaaS',
  'Billing',
  'Webhooks',
  'Email delivery',
  'SMS delivery',
];

/** Expected events for each consecutive pair of snapshots, written from reading the recorded data. */
const EXPECTED: Record<string, string[][]> = {
  'clerk-2026-02-10-dns-outage': [
    ['opened "DNS Outage causing critical services to go down" at investigating'],
    [
      'update investigating > investigating',
      ...allOut(DNS_HIT, 'operational', 'partial_outage'),
      ...allOut(['Email delivery', 'SMS delivery'], 'operational', 'major_outage'),
    ],
    ['update investigating > investigating'],
    ['update investigating > investigating'],
    ['update investigating > investigating'],
    ['update investigating > monitoring'],
    [
      ...allOut(DNS_HIT, 'partial_outage', 'operational'),
      ...allOut(['Email delivery', 'SMS delivery'], 'major_outage', 'operational'),
      'resolved after 128 min',
    ],
    ['update resolved > resolved after resolution'],
  ],
  'clerk-2026-03-20-degraded-performance': [
    [
      'opened "Degraded performance" at investigating',
      ...allOut(
        [
          'User and authentication',
          'Session management',
          'Machine authentication',
          'B2B SaaS',
          'Billing',
          'Webhooks',
          'Email delivery',
          'SMS delivery',
          'Account Portal',
        ],
        'operational',
        'degraded_performance',
      ),
    ],
    [
      'update investigating > monitoring',
      ...allOut(DEGRADED_RECOVERED, 'degraded_performance', 'operational'),
      'component Dashboard: operational > degraded_performance',
    ],
    ['update monitoring > monitoring'],
    [
      ...allOut(
        ['User and authentication', 'Session management', 'Account Portal', 'Dashboard'],
        'degraded_performance',
        'operational',
      ),
      'resolved after 71 min',
    ],
  ],
  'clerk-2026-04-22-platform-api-partial-outage': [
    [
      'opened "Partial Outage on Platform API" at investigating',
      'component Platform API: operational > partial_outage',
    ],
    ['update investigating > identified'],
    ['update identified > monitoring'],
    ['component Platform API: partial_outage > operational', 'resolved after 30 min'],
  ],
  'clerk-2026-04-26-handshake-endpoint': [
    [
      'opened "/handshake endpoint failures" at identified',
      'component Session management: operational > degraded_performance',
    ],
    ['component Session management: degraded_performance > operational', 'resolved after 36 min'],
  ],
};

describe('diff over the recorded Clerk timelines', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(timelineNames());
  });

  for (const name of timelineNames()) {
    const timeline = loadTimeline(name);
    const snapshots = timelineSnapshots(timeline);
    const steps = snapshots.slice(1).map((next, i) => {
      const previous = snapshots[i];
      if (!previous) throw new Error('unreachable');
      return {
        label: `${timeline.steps[i]?.label} → ${timeline.steps[i + 1]?.label}`,
        previous,
        next,
        index: i,
      };
    });

    describe(name, () => {
      it.each(steps)('$label yields exactly the expected events', ({ previous, next, index }) => {
        expect(diff(previous, carryOver(previous, next)).map(brief)).toEqual(EXPECTED[name]?.[index]);
      });

      it('gives every event of the timeline a distinct id, the same on every run', () => {
        const run = () =>
          steps.flatMap(({ previous, next }) => diff(previous, carryOver(previous, next)).map((e) => e.id));
        const ids = run();
        expect(new Set(ids).size).toBe(ids.length);
        expect(run()).toEqual(ids);
      });

      it('finds nothing between a snapshot and itself', () => {
        for (const snapshot of snapshots) expect(diff(snapshot, snapshot)).toEqual([]);
      });

      it('yields the same events when polls are skipped, minus the intermediate states', () => {
        const first = snapshots[0];
        const last = snapshots[snapshots.length - 1];
        if (!first || !last) throw new Error('empty timeline');
        const events = diff(first, carryOver(first, last));
        const kinds = events.map((e) => e.kind);
        // Opened, every update, resolved: nothing from the incident is lost when the bot was down throughout.
        expect(kinds[0]).toBe('incident.opened');
        expect(kinds.filter((k) => k === 'incident.resolved')).toHaveLength(1);
        const updateIds = new Set(events.flatMap((e) => ('update' in e && e.update ? [e.update.id] : [])));
        const published = last.incidents[0]?.updates.map((u) => u.id) ?? [];
        expect([...updateIds].sort()).toEqual([...published].sort());
        // Components that went down and came back between the two polls are not news.
        expect(kinds).not.toContain('component.changed');
      });
    });
  }
});
