/**
 * diff(previous, next) → events. Pure: both snapshots carry their own fetch times, so nothing here reads a
 * clock. Event ids come from the data (component id + transition + timestamp, incident id + update id), so two
 * replicas, or one replica after a restart, derive the same id for the same change.
 */

import type { BotEvent } from '../events/bot-event.js';
import { compareText } from '../events/order.js';
import type { Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { componentEvents } from './component-events.js';
import { incidentEvents } from './incident-events.js';
import { maintenanceEvents } from './maintenance-events.js';

/**
 * Events that turn `previous` into `next`, in the order a reader wants them: new incidents first (so
 * component changes can join their threads), then incident updates, component changes, resolutions,
 * notes published after those resolutions, and maintenance.
 */
export function diff(previous: Snapshot, next: Snapshot): BotEvent[] {
  const incidents = incidentEvents(previous, next);
  const openNow = next.incidents.filter((i) => !isClosed(i)).map((i) => i.id);
  const resolvedNow = incidents.resolved.flatMap((e) =>
    e.kind === 'incident.resolved' ? [e.incident.id] : [],
  );
  return [
    ...incidents.opened,
    ...incidents.updated.sort((a, b) => compareText(a.at, b.at)),
    ...componentEvents(previous, next, [...openNow, ...resolvedNow]),
    ...incidents.resolved,
    ...incidents.late,
    ...maintenanceEvents(previous, next),
  ];
}
