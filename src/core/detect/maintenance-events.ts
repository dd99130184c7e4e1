/** Maintenance scheduled, started and completed (Atlassian pages; incident.io's API has none). */

import type { BotEvent } from '../events/bot-event.js';
import { eventId } from '../events/ids.js';
import type { Maintenance, Snapshot } from '../events/page.js';

export function maintenanceEvents(previous: Snapshot, next: Snapshot): BotEvent[] {
  const before = new Map(previous.maintenances.map((m) => [m.id, m]));
  const present = new Set(next.maintenances.map((m) => m.id));
  const events: BotEvent[] = [];
  const push = (kind: 'scheduled' | 'started' | 'completed', maintenance: Maintenance, at: string) =>
    events.push({
      kind: `maintenance.${kind}`,
      id: eventId('maintenance', maintenance.id, kind),
      at,
      maintenance,
    });

  for (const maintenance of next.maintenances) {
    const old = before.get(maintenance.id);
    if (old?.status === maintenance.status) continue;
    if (maintenance.status === 'scheduled' && !old) push('scheduled', maintenance, next.fetchedAt);
    if (maintenance.status === 'in_progress' || (maintenance.status === 'verifying' && !old)) {
      push('started', maintenance, maintenance.scheduledFor ?? next.fetchedAt);
    }
    if (maintenance.status === 'completed') push('completed', maintenance, next.fetchedAt);
  }
  // Atlassian's summary lists only upcoming and active maintenance: one that leaves while active is over.
  for (const old of previous.maintenances.filter((m) => !present.has(m.id))) {
    if (old.status === 'in_progress' || old.status === 'verifying') {
      push('completed', { ...old, status: 'completed' }, next.fetchedAt);
    }
  }
  return events;
}
