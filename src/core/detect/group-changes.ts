/**
 * Groups one poll's component changes into a single `components.changed` event, so each channel gets one
 * message per poll listing every change that concerns it. Grouping happens before the events are queued,
 * and the group's id is derived from its members, so a replay after a crash groups the same way.
 */
import { digest } from '../digest.js';
import type { BotEvent, ComponentChange } from './events.js';

export function groupComponentChanges(events: BotEvent[]): BotEvent[] {
  const changes = events.filter((e) => e.kind === 'component.changed');
  if (changes.length === 0) return events;
  const ids = changes.map((e) => e.id);
  const first = changes[0] as Extract<BotEvent, { kind: 'component.changed' }>;
  const group: BotEvent = {
    kind: 'components.changed',
    id: `components:${digest(ids.join('\n'))}:${changes.length}`,
    at:
      changes
        .map((e) => e.at)
        .sort()
        .at(-1) ?? first.at, // ISO strings sort by time
    changes: changes.map(
      (e): ComponentChange => ({ componentId: e.componentId, name: e.name, from: e.from, to: e.to }),
    ),
    incidentIds: [...new Set(changes.flatMap((e) => e.incidentIds))],
  };
  // The group takes the place of the first change, so incident events keep their order around it.
  const index = events.indexOf(first);
  return [
    ...events.slice(0, index),
    group,
    ...events.slice(index).filter((e) => e.kind !== 'component.changed'),
  ];
}
