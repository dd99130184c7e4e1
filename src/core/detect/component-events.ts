/**
 * Component changes between two snapshots: a status change, a component added or removed. Keyed by component
 * id; a rename alone is not an event. Ids carry the component's own time, or a digest of its previous state.
 */

import type { BotEvent } from '../events/bot-event.js';
import { componentVersion, eventId } from '../events/ids.js';
import type { Component, Snapshot } from '../events/page.js';

export function componentEvents(previous: Snapshot, next: Snapshot, incidentIds: string[]): BotEvent[] {
  const before = new Map(previous.components.map((c) => [c.id, c]));
  const after = new Set(next.components.map((c) => c.id));
  const events: BotEvent[] = [];
  for (const component of next.components) {
    const old = before.get(component.id);
    const at = component.updatedAt ?? next.fetchedAt;
    if (!old) {
      events.push({
        kind: 'component.added',
        id: eventId('component', component.id, 'added', componentVersion({ ...component })),
        at,
        componentId: component.id,
        name: component.name,
        status: component.status,
      });
    } else if (old.status !== component.status) {
      // A rename alone is not an event; the new name is simply used from now on.
      events.push({
        kind: 'component.changed',
        id: eventId(
          'component',
          component.id,
          `${old.status}>${component.status}`,
          component.updatedAt ?? componentVersion({ ...old }),
        ),
        at,
        componentId: component.id,
        name: component.name,
        from: old.status,
        to: component.status,
        incidentIds,
      });
    }
  }
  for (const component of previous.components.filter((c: Component) => !after.has(c.id))) {
    events.push({
      kind: 'component.removed',
      id: eventId('component', component.id, 'removed', componentVersion({ ...component })),
      at: next.fetchedAt,
      componentId: component.id,
      name: component.name,
      status: component.status,
    });
  }
  return events;
}
