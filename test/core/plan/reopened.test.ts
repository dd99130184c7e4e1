/**
 * An incident that reopens after its resolution: detection reads the open update as news (not a post-resolution
 * note), the thread hears "Reopened", and the parent is edited to stop saying "Resolved". A closed-status note after
 * resolution (a post-mortem) is still only a note.
 */
import { describe, expect, it } from 'vitest';
import { detect, type Seen } from '../../../src/core/detect/detect.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import type { Incident, IncidentUpdate, Snapshot } from '../../../src/core/events/page.js';
import { renderMessage } from '../../../src/core/render/message.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';
import { planChannel } from '../../helpers/plan-channel.js';

const t = (minutes: number) =>
  new Date(Date.parse('2026-05-01T10:00:00.000Z') + minutes * 60_000).toISOString();
const u = (id: string, status: IncidentUpdate['status'], minutes: number): IncidentUpdate => ({
  id,
  status,
  body: `Update ${id}`,
  at: t(minutes),
});

function page(minutes: number, incidents: Incident[]): Snapshot {
  return {
    page: { name: 'Clerk', url: 'https://status.clerk.com' },
    components: [{ id: 'c1', name: 'Sign in', status: 'operational', position: 1 }],
    incidents,
    maintenances: [],
    fetchedAt: t(minutes),
  };
}

function incident(status: Incident['status'], updates: IncidentUpdate[], resolvedAt?: string): Incident {
  return {
    id: 'inc1',
    name: 'Sign-in errors',
    status,
    impact: 'major',
    createdAt: t(0),
    url: 'https://status.clerk.com/incidents/inc1',
    updates,
    ...(resolvedAt ? { resolvedAt } : {}),
  };
}

function eventsOf(pages: Snapshot[]): BotEvent[] {
  let seen: Seen = { snapshot: undefined, health: undefined };
  const events: BotEvent[] = [];
  for (const p of pages) {
    const d = detect(seen, { ok: true, snapshot: p }, Date.parse(p.fetchedAt), {
      maxUpdateAgeMs: 86_400_000,
      unreachableAfter: 3,
    });
    events.push(...d.events);
    seen = { snapshot: d.snapshot, health: d.health };
  }
  return events;
}

const opened = [u('u1', 'investigating', 0)];
const resolved = [...opened, u('u2', 'resolved', 10)];

describe('an incident that reopens', () => {
  it('is news: a "Reopened" reply, and the parent no longer says resolved', () => {
    const events = eventsOf([
      page(-1, []),
      page(1, [incident('investigating', opened)]),
      page(11, [incident('resolved', resolved, t(10))]),
      page(21, [incident('investigating', [...resolved, u('u3', 'investigating', 20)])]),
    ]);
    const reopen = events.at(-1);
    expect(reopen).toMatchObject({
      kind: 'incident.updated',
      previousStatus: 'resolved',
      afterResolution: false,
    });
    const steps = planChannel(events, defaultSubscription('T', 'C', 'U', t(0)));
    const last = steps.slice(-2).map((s) => ({ kind: s.kind, text: renderMessage(s.message).text }));
    expect(last[0]).toMatchObject({ kind: 'reply' });
    expect(last[0]?.text).toMatch(/reopened \(Investigating\)/);
    expect(last[1]?.kind).toBe('edit');
    expect(last[1]?.text).not.toMatch(/Resolved/);
    expect(last[1]?.text).toMatch(/Investigating/);
  });

  it('a post-mortem note after resolution stays a note: no edit, no broadcast', () => {
    const events = eventsOf([
      page(-1, []),
      page(1, [incident('investigating', opened)]),
      page(11, [incident('resolved', resolved, t(10))]),
      page(60, [incident('postmortem', [...resolved, u('u3', 'postmortem', 50)], t(10))]),
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'incident.updated', afterResolution: true });
    const steps = planChannel(events, defaultSubscription('T', 'C', 'U', t(0)));
    const last = steps.at(-1);
    expect(last?.kind).toBe('reply');
    expect(last?.broadcast).toBeUndefined();
  });
});
