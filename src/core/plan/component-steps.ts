/**
 * Component changes → steps: into the thread of an incident the channel follows (redrawing its parent first
 * if it was deleted), or one message on its own per poll.
 */

import type { BotEvent, IncidentSummary } from '../events/bot-event.js';
import { idPart } from '../events/ids.js';
import { incidentUrl } from '../events/page.js';
import { wantedChanges } from '../subscriptions/filters.js';
import { parentStep, postStep, replyStep } from './steps.js';
import { type IncidentThread, incidentThread, type PlanInput, type Step } from './types.js';

type ComponentsChanged = Extract<BotEvent, { kind: 'components.changed' }>;

export function planComponentChanges(event: ComponentsChanged, input: PlanInput): Step[] {
  const changes = wantedChanges(input.subscription, event);
  if (changes.length === 0) return [];
  const followed = event.incidentIds
    .map((id) => incidentThread(input.threads[id]))
    .find((t) => t !== undefined);
  const confirmMs = input.subscription.confirmMs ?? 0;
  if (!followed && confirmMs > 0) {
    // The flap guard: held, not posted; confirmed (and posted) later only if it lasted the whole window.
    const dueAt = new Date(Date.parse(event.at) + confirmMs).toISOString();
    const message = {
      family: 'components' as const,
      changes,
      at: event.at,
      statusPageUrl: input.statusPageUrl,
      inThread: false,
    };
    return [{ kind: 'hold', key: `${event.id}:hold`, message, hold: { changes, dueAt } }];
  }
  if (!followed) {
    return [
      postStep(`${event.id}:post`, {
        family: 'components',
        changes,
        at: event.at,
        statusPageUrl: input.statusPageUrl,
        inThread: false,
      }),
    ];
  }
  const reply = replyStep({
    key: `${event.id}:reply:${idPart(followed.threadId)}`,
    threadId: followed.threadId,
    message: {
      family: 'components',
      changes,
      at: event.at,
      statusPageUrl: input.statusPageUrl,
      inThread: true,
    },
  });
  if (!followed.gone) return [reply];
  // The parent was deleted: draw it again (from the incident as the page shows it now, else from what the
  // thread remembers), and continue there.
  const now = input.incidents?.[followed.threadId];
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
function remembered(thread: IncidentThread, statusPageUrl: string): IncidentSummary {
  return {
    id: thread.threadId,
    name: thread.name,
    status: thread.status,
    impact: 'none',
    url: incidentUrl(statusPageUrl, thread.threadId),
    createdAt: thread.startedAt,
  };
}

/** Changes this channel held that lasted the window: one message, to that channel only. */
export function planConfirmed(
  event: Extract<BotEvent, { kind: 'components.confirmed' }>,
  input: PlanInput,
): Step[] {
  const { teamId, channelId } = input.subscription;
  if (event.target.teamId !== teamId || event.target.channelId !== channelId) return [];
  return [
    postStep(`${event.id}:post`, {
      family: 'components',
      changes: event.changes,
      at: event.at,
      statusPageUrl: input.statusPageUrl,
      inThread: false,
      confirmedAfterMs: event.heldMs,
    }),
  ];
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
