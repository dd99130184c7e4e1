/**
 * Component changes → steps: into the thread of an incident the channel follows (redrawing its parent first
 * if it was deleted), or one message on its own per poll.
 */
import { idPart } from '../detect/event-ids.js';
import type { BotEvent, IncidentSummary } from '../detect/events.js';
import { renderComponentChanges } from '../render/component-changes.js';
import { incidentUrl } from '../status-page/normalize.js';
import { wantedChanges } from '../subscriptions/filters.js';
import { parentStep, postStep, replyStep } from './steps.js';
import type { PlanInput, Step, ThreadState } from './types.js';

type ComponentsChanged = Extract<BotEvent, { kind: 'components.changed' }>;

export function planComponentChanges(event: ComponentsChanged, input: PlanInput): Step[] {
  const changes = wantedChanges(input.subscription, event);
  if (changes.length === 0) return [];
  const followed = event.incidentIds.map((id) => input.threads[id]).find((t) => t !== undefined);
  if (!followed) {
    return [
      postStep(`${event.id}:post`, renderComponentChanges(changes, event.at, input.statusPageUrl, false)),
    ];
  }
  const reply = replyStep({
    key: `${event.id}:reply:${idPart(followed.incidentId)}`,
    incidentId: followed.incidentId,
    message: renderComponentChanges(changes, event.at, input.statusPageUrl, true),
  });
  if (!followed.gone) return [reply];
  // The parent was deleted: draw it again (from the incident as the page shows it now, else from what the
  // thread remembers), and continue there.
  const now = input.incidents?.[followed.incidentId];
  const parent = parentStep({
    incident: now?.incident ?? remembered(followed, input.statusPageUrl),
    status: followed.status,
    severity: followed.severity,
    affected: now?.affected ?? [],
    subscription: input.subscription,
    previous: followed,
  });
  return [parent, reply];
}

/** The incident as the thread remembers it, once it has left the page. */
function remembered(thread: ThreadState, statusPageUrl: string): IncidentSummary {
  return {
    id: thread.incidentId,
    name: thread.name,
    status: thread.status,
    impact: 'none',
    url: incidentUrl(statusPageUrl, thread.incidentId),
    createdAt: thread.startedAt,
  };
}

/** A lone change (normally grouped before delivery) is a group of one. */
export function asGroup(event: Extract<BotEvent, { kind: 'component.changed' }>): ComponentsChanged {
  const { componentId, name, from, to } = event;
  return {
    kind: 'components.changed',
    id: event.id,
    at: event.at,
    changes: [{ componentId, name, from, to }],
    incidentIds: event.incidentIds,
  };
}
