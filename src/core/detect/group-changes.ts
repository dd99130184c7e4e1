/**
 * One poll's component events, grouped so each channel reads each change once:
 * - a status change in an incident that has an event in the same poll is folded into that event (the parent shows
 *   it, or the update's reply lists it), instead of a separate reply a second later;
 * - the other status changes become one `components.changed` (one message per poll);
 * - components the page starts or stops listing become one `components.listChanged` (a capped list, whatever the
 *   count).
 * Group ids are digests of their members' ids, so a replay after a crash groups the same way.
 */

import type { BotEvent, ComponentChange, ComponentRef } from '../events/bot-event.js';
import { digest } from '../events/digest.js';

type Changed = Extract<BotEvent, { kind: 'component.changed' }>;
type IncidentEvent = Extract<
  BotEvent,
  { kind: 'incident.opened' | 'incident.updated' | 'incident.resolved' }
>;

const isIncidentEvent = (e: BotEvent): e is IncidentEvent =>
  e.kind === 'incident.opened' || e.kind === 'incident.updated' || e.kind === 'incident.resolved';

const asChange = (e: Changed): ComponentChange => ({
  componentId: e.componentId,
  name: e.name,
  from: e.from,
  to: e.to,
});

const latestAt = (events: BotEvent[], fallback: string) =>
  events
    .map((e) => e.at)
    .sort()
    .at(-1) ?? fallback; // ISO strings sort by time

/** Folds each change into the last event of its incident in this poll: replacements by event, and what is left. */
function foldIntoIncidents(events: BotEvent[], changes: Changed[]) {
  const lastOf = new Map<string, IncidentEvent>();
  for (const e of events) if (isIncidentEvent(e)) lastOf.set(e.incident.id, e);
  const folded = new Map<BotEvent, ComponentChange[]>();
  const rest: Changed[] = [];
  for (const change of changes) {
    const target = change.incidentIds.map((id) => lastOf.get(id)).find((e) => e !== undefined);
    if (target) folded.set(target, [...(folded.get(target) ?? []), asChange(change)]);
    else rest.push(change);
  }
  const replaced = new Map([...folded].map(([e, list]) => [e, { ...e, changes: list } as BotEvent]));
  return { replaced, rest };
}

function groupStatusChanges(changes: Changed[]): BotEvent {
  const first = changes[0] as Changed;
  return {
    kind: 'components.changed',
    id: `components:${digest(changes.map((e) => e.id).join('\n'))}:${changes.length}`,
    at: latestAt(changes, first.at),
    changes: changes.map(asChange),
    incidentIds: [...new Set(changes.flatMap((e) => e.incidentIds))],
  };
}

function groupListing(listed: BotEvent[], pageSize: number): BotEvent {
  const ref = (e: BotEvent): ComponentRef[] =>
    e.kind === 'component.added' || e.kind === 'component.removed'
      ? [{ id: e.componentId, name: e.name, status: e.status }]
      : [];
  return {
    kind: 'components.listChanged',
    id: `components:listed:${digest(listed.map((e) => e.id).join('\n'))}:${listed.length}`,
    at: latestAt(listed, listed[0]?.at ?? ''),
    added: listed.filter((e) => e.kind === 'component.added').flatMap(ref),
    removed: listed.filter((e) => e.kind === 'component.removed').flatMap(ref),
    pageSize,
  };
}

export function groupComponentChanges(events: BotEvent[], pageSize = 0): BotEvent[] {
  const isListed = (e: BotEvent) => e.kind === 'component.added' || e.kind === 'component.removed';
  const changes = events.filter((e): e is Changed => e.kind === 'component.changed');
  const listed = events.filter(isListed);
  const { replaced, rest } = foldIntoIncidents(events, changes);
  const grouped: BotEvent[] = [];
  let placed = false;
  for (const e of events) {
    if (e.kind === 'component.changed') {
      // The grouped changes take the place of the first change, so incident events keep their order around it.
      if (!placed && rest.length > 0) grouped.push(groupStatusChanges(rest));
      placed = true;
    } else if (!isListed(e)) grouped.push(replaced.get(e) ?? e);
  }
  return listed.length > 0 ? [...grouped, groupListing(listed, pageSize)] : grouped;
}
