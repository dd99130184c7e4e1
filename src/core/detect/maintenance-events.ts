/**
 * Maintenance scheduled, rescheduled, started, completed and cancelled (Atlassian pages; incident.io's API has
 * none). Ids come from the maintenance and what changed, so a re-run of the same diff yields the same ids.
 */

import type { BotEvent } from '../events/bot-event.js';
import { eventId } from '../events/ids.js';
import type { Maintenance, Snapshot } from '../events/page.js';

type Phase = 'scheduled' | 'started' | 'completed' | 'cancelled';

const isActive = (m: Maintenance) => m.status === 'in_progress' || m.status === 'verifying';

export function maintenanceEvents(previous: Snapshot, next: Snapshot): BotEvent[] {
  const before = new Map(previous.maintenances.map((m) => [m.id, m]));
  const present = new Set(next.maintenances.map((m) => m.id));
  const events: BotEvent[] = [];
  const push = (kind: Phase, maintenance: Maintenance, at: string) =>
    events.push({
      kind: `maintenance.${kind}`,
      id: eventId('maintenance', maintenance.id, kind),
      at,
      maintenance,
    });

  for (const maintenance of next.maintenances) {
    const old = before.get(maintenance.id);
    if (old && maintenance.status === 'scheduled' && old.status === 'scheduled') {
      const moved = rescheduled(old, maintenance, next.fetchedAt);
      if (moved) events.push(moved);
      continue;
    }
    if (old?.status === maintenance.status) continue;
    if (maintenance.status === 'scheduled' && !old) push('scheduled', maintenance, next.fetchedAt);
    if (isActive(maintenance) && !(old && isActive(old))) {
      push('started', maintenance, maintenance.scheduledFor ?? next.fetchedAt);
    }
    if (maintenance.status === 'completed') push('completed', maintenance, next.fetchedAt);
  }
  // Atlassian's summary lists only upcoming and active maintenance. One that leaves while active is over; one that
  // leaves before its window began was cancelled; one that leaves after its start without being seen active ran
  // between two polls.
  const fetchedAt = Date.parse(next.fetchedAt);
  for (const old of previous.maintenances.filter((m) => !present.has(m.id))) {
    if (isActive(old)) push('completed', { ...old, status: 'completed' }, next.fetchedAt);
    if (old.status !== 'scheduled') continue;
    const notYet = old.scheduledFor === undefined || Date.parse(old.scheduledFor) > fetchedAt;
    if (notYet) push('cancelled', old, next.fetchedAt);
    else push('completed', { ...old, status: 'completed' }, next.fetchedAt);
  }
  return events;
}

/** A moved window: its id names the new window, so moving it back and forth announces each move once. */
function rescheduled(old: Maintenance, now: Maintenance, at: string): BotEvent | undefined {
  if (old.scheduledFor === now.scheduledFor && old.scheduledUntil === now.scheduledUntil) return undefined;
  return {
    kind: 'maintenance.rescheduled',
    id: eventId('maintenance', now.id, 'rescheduled', now.scheduledFor ?? '', now.scheduledUntil ?? ''),
    at,
    maintenance: now,
    previous: {
      ...(old.scheduledFor ? { scheduledFor: old.scheduledFor } : {}),
      ...(old.scheduledUntil ? { scheduledUntil: old.scheduledUntil } : {}),
    },
  };
}
