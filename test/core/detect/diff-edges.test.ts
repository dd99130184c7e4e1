import { describe, expect, it } from 'vitest';
import { carryOver } from '../../../src/core/detect/carry-over.js';
import { diff } from '../../../src/core/detect/diff.js';
import { freshEvents, implausibility } from '../../../src/core/detect/freshness.js';
import { HEALTHY, recordFailure, recordSuccess } from '../../../src/core/detect/source-health.js';
import type {
  Component,
  Incident,
  IncidentUpdate,
  Maintenance,
  Snapshot,
} from '../../../src/core/events/page.js';

const T0 = '2026-06-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function component(id: string, status: Component['status'], extra: Partial<Component> = {}): Component {
  return { id, name: `Component ${id}`, status, position: 0, ...extra };
}
function update(id: string, status: IncidentUpdate['status'], minutes: number): IncidentUpdate {
  return { id, status, body: `body ${id}`, at: at(minutes) };
}
function incident(
  id: string,
  status: Incident['status'],
  updates: IncidentUpdate[],
  extra: Partial<Incident> = {},
): Incident {
  return {
    id,
    name: `Incident ${id}`,
    status,
    impact: 'minor',
    createdAt: T0,
    url: `https://s/incidents/${id}`,
    updates,
    ...extra,
  };
}
function snap(
  minutes: number,
  parts: { components?: Component[]; incidents?: Incident[]; maintenances?: Maintenance[] },
): Snapshot {
  return {
    page: { name: 'Clerk', url: 'https://s' },
    components: parts.components ?? [component('a', 'operational')],
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    fetchedAt: at(minutes),
  };
}
const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);

describe('diff edge cases', () => {
  it('keys components by id: a rename alone is not an event', () => {
    const before = snap(0, {
      components: [component('a', 'operational', { name: 'User and authentication' })],
    });
    const after = snap(1, { components: [component('a', 'operational', { name: 'Authentication & User' })] });
    expect(diff(before, after)).toEqual([]);
  });

  it('reports a renamed component that also changed status under its new name', () => {
    const before = snap(0, { components: [component('a', 'operational', { name: 'Old' })] });
    const after = snap(1, { components: [component('a', 'partial_outage', { name: 'New' })] });
    expect(diff(before, after)).toMatchObject([
      { kind: 'component.changed', name: 'New', from: 'operational', to: 'partial_outage' },
    ]);
  });

  it('reports components added and removed', () => {
    const before = snap(0, { components: [component('a', 'operational')] });
    const after = snap(1, { components: [component('b', 'operational')] });
    expect(kinds(diff(before, after))).toEqual(['component.added', 'component.removed']);
  });

  it('gives a component that flaps back to an earlier status a new event id', () => {
    const s0 = snap(0, { components: [component('a', 'operational', { updatedAt: at(0) })] });
    const s1 = snap(1, { components: [component('a', 'degraded_performance', { updatedAt: at(1) })] });
    const s2 = snap(2, { components: [component('a', 'operational', { updatedAt: at(2) })] });
    const s3 = snap(3, { components: [component('a', 'degraded_performance', { updatedAt: at(3) })] });
    const ids = [diff(s0, s1), diff(s1, s2), diff(s2, s3)].flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('opens an incident that starts at identified, and tags component changes with it', () => {
    const after = snap(1, {
      components: [component('a', 'degraded_performance')],
      incidents: [incident('i', 'identified', [update('u1', 'identified', 1)])],
    });
    const events = diff(snap(0, {}), after);
    expect(events).toMatchObject([
      {
        kind: 'incident.opened',
        update: { status: 'identified' },
        affected: [{ id: 'a', status: 'degraded_performance' }],
      },
      { kind: 'component.changed', incidentIds: ['i'] },
    ]);
  });

  it('announces an incident opened and resolved between two polls as opened, updates, resolved', () => {
    const after = snap(30, {
      incidents: [
        incident(
          'i',
          'resolved',
          [update('u1', 'investigating', 1), update('u2', 'monitoring', 10), update('u3', 'resolved', 20)],
          {
            resolvedAt: at(20),
          },
        ),
      ],
    });
    const events = diff(snap(0, {}), after);
    expect(kinds(events)).toEqual(['incident.opened', 'incident.updated', 'incident.resolved']);
    expect(events[2]).toMatchObject({ update: { id: 'u3' }, durationMs: 20 * 60_000 });
  });

  it('emits updates oldest first, each once', () => {
    const before = snap(0, {
      incidents: [incident('i', 'investigating', [update('u1', 'investigating', 0)])],
    });
    const after = snap(5, {
      incidents: [
        incident('i', 'monitoring', [
          update('u1', 'investigating', 0),
          update('u2', 'identified', 2),
          update('u3', 'monitoring', 4),
        ]),
      ],
    });
    const events = diff(before, after);
    expect(events.map((e) => ('update' in e ? e.update?.id : undefined))).toEqual(['u2', 'u3']);
    expect(events).toMatchObject([{ previousStatus: 'investigating' }, { previousStatus: 'identified' }]);
  });

  it('resolves an open incident that vanished from both endpoints, once, and not again if it reappears', () => {
    const open = snap(0, { incidents: [incident('i', 'investigating', [update('u1', 'investigating', 0)])] });
    const gone = carryOver(open, snap(1, {}));
    expect(diff(open, gone)).toMatchObject([
      { kind: 'incident.resolved', id: 'incident:i:resolved:vanished' },
    ]);
    const stillGone = carryOver(gone, snap(2, {}));
    expect(diff(gone, stillGone)).toEqual([]);
    const back = carryOver(
      stillGone,
      snap(3, {
        incidents: [
          incident('i', 'resolved', [update('u1', 'investigating', 0), update('u2', 'resolved', 1)]),
        ],
      }),
    );
    expect(diff(stillGone, back)).toMatchObject([{ kind: 'incident.updated', afterResolution: true }]);
  });

  it('treats a resolution followed by a post-mortem note seen in one poll as resolved, then a late update', () => {
    const before = snap(0, { incidents: [incident('i', 'monitoring', [update('u1', 'monitoring', 0)])] });
    const after = snap(60 * 72, {
      incidents: [
        incident('i', 'resolved', [
          update('u1', 'monitoring', 0),
          update('u2', 'resolved', 10),
          update('u3', 'resolved', 60 * 70),
        ]),
      ],
    });
    expect(diff(before, after)).toMatchObject([
      { kind: 'incident.resolved', update: { id: 'u2' } },
      { kind: 'incident.updated', update: { id: 'u3' }, afterResolution: true },
    ]);
  });

  it('follows Atlassian maintenance from scheduled to started to completed', () => {
    const m = (status: Maintenance['status']): Maintenance => ({
      id: 'm',
      name: 'DB upgrade',
      status,
      url: 'u',
      componentIds: [],
      scheduledFor: at(60),
    });
    const s0 = snap(0, {});
    const s1 = snap(1, { maintenances: [m('scheduled')] });
    const s2 = snap(60, { maintenances: [m('in_progress')] });
    const s3 = snap(120, {});
    expect([diff(s0, s1), diff(s1, s2), diff(s2, s3)].map(kinds)).toEqual([
      ['maintenance.scheduled'],
      ['maintenance.started'],
      ['maintenance.completed'],
    ]);
  });

  it('records but does not announce events older than the age limit; source events always pass', () => {
    const events = diff(
      snap(0, {}),
      snap(2000, {
        incidents: [
          incident('i', 'investigating', [
            update('u1', 'investigating', 0),
            update('u2', 'investigating', 1990),
          ]),
        ],
      }),
    );
    const now = Date.parse(at(2000));
    expect(kinds(freshEvents(events, now, 24 * 3600_000))).toEqual(['incident.updated']);
    const down = recordFailure(
      { ...HEALTHY, consecutiveFailures: 2, failingSince: at(0) },
      at(1),
      'timeout',
      3,
    ).events;
    expect(freshEvents(down, Date.parse(at(99_999)), 1)).toHaveLength(1);
  });

  it('refuses a snapshot that suddenly lists no components', () => {
    expect(implausibility(snap(0, {}), snap(1, { components: [] }))).toMatch(/no components/);
    expect(implausibility(undefined, snap(1, {}))).toBeUndefined();
  });
});

describe('source health', () => {
  it('announces unreachable once after the threshold, and recovered once after', () => {
    let health = HEALTHY;
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const step = recordFailure(health, at(i), 'HTTP 502', 3);
      health = step.health;
      seen.push(...step.events.map((e) => e.id));
    }
    expect(seen).toEqual([`source:unreachable@${at(0)}`]);
    const back = recordSuccess(health, at(10));
    expect(back.events).toMatchObject([{ kind: 'source.recovered', downForMs: 10 * 60_000 }]);
    expect(recordSuccess(back.health, at(11)).events).toEqual([]);
  });

  it('says nothing when the page recovers before the threshold', () => {
    const step = recordFailure(HEALTHY, at(0), 'timeout', 3);
    expect(step.events).toEqual([]);
    expect(recordSuccess(step.health, at(1)).events).toEqual([]);
  });
});
