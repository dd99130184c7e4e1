/**
 * Incident events (opened, updated, resolved) → steps. A channel that does not follow the incident yet gets
 * a parent showing its current state first; a channel that follows it gets replies, and the parent is edited
 * only when the incident's status or affected components change (edits are Tier 3 and notify nobody).
 */
import type { BotEvent } from '../events/bot-event.js';
import { severityRank } from '../events/severity.js';
import { eventSeverity, wantedFoldedChanges, wants } from '../subscriptions/filters.js';
import { isEscalation, mentionFor } from './mentions.js';
import type { MessageSpec } from './messages.js';
import { affectedKey, editStep, parentStep, replyStep } from './steps.js';
import { type IncidentThread, incidentThread, type PlanInput, type Step } from './types.js';

type IncidentEvent = Extract<
  BotEvent,
  { kind: 'incident.opened' | 'incident.updated' | 'incident.resolved' | 'incident.caughtUp' }
>;

interface IncidentContext<E extends IncidentEvent> {
  event: E;
  input: PlanInput;
  /** The live thread, if the channel follows the incident (a deleted parent does not count). */
  thread: IncidentThread | undefined;
  /** The stored thread even when its parent is gone: a redrawn parent continues from it. */
  existing: IncidentThread | undefined;
  wanted: boolean;
}

/**
 * A parent for a channel that does not follow the incident yet: when it opens (at its first update's status), or
 * when the channel subscribed mid-incident (as it stands now). Its thread follows from there.
 */
function planNewParent({
  event,
  input,
  thread,
  existing,
  wanted,
}: IncidentContext<Extract<IncidentEvent, { kind: 'incident.opened' | 'incident.caughtUp' }>>): Step[] {
  if (thread || !wanted) return [];
  const status =
    event.kind === 'incident.opened'
      ? (event.update?.status ?? event.incident.status)
      : event.incident.status;
  return [
    parentStep({
      incident: event.incident,
      status,
      severity: eventSeverity(event),
      affected: event.affected,
      subscription: input.subscription,
      previous: existing,
      ...(event.kind === 'incident.opened' && event.typical ? { typical: event.typical } : {}),
    }),
  ];
}

function planResolved({
  event,
  input,
  thread,
  existing,
  wanted,
}: IncidentContext<Extract<IncidentEvent, { kind: 'incident.resolved' }>>): Step[] {
  const severity = eventSeverity(event);
  const reply = (broadcast: boolean) =>
    replyStep({
      key: `${event.id}:reply`,
      threadId: event.incident.id,
      broadcast,
      message: {
        family: 'incident.resolution',
        incident: event.incident,
        update: event.update,
        durationMs: event.durationMs,
        changes: wantedFoldedChanges(input.subscription, event.changes),
      },
      thread: { resolved: true, status: 'resolved' },
    });
  if (thread) {
    const edit = editStep({
      eventId: event.id,
      incident: event.incident,
      thread,
      severity,
      affected: event.affected,
      ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}),
    });
    return [reply(true), edit];
  }
  if (!wanted) return [];
  // Never followed here (subscribed mid-incident): a resolved parent tells the whole story; no broadcast.
  const parent = parentStep({
    incident: event.incident,
    status: 'resolved',
    severity,
    affected: event.affected,
    subscription: input.subscription,
    previous: existing,
    mayExist: true,
    ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}),
  });
  return [parent, reply(false)];
}

/**
 * An update for a channel that has no live parent for the incident (it started wanting it mid-incident, or its
 * records were lost): the parent as the incident stands now, looked up first in case it exists, then the update.
 */
function parentThenUpdate(
  event: Extract<IncidentEvent, { kind: 'incident.updated' }>,
  input: PlanInput,
  existing: IncidentThread | undefined,
): Step[] {
  const parent = parentStep({
    incident: event.incident,
    status: event.incident.status,
    severity: eventSeverity(event),
    affected: event.affected,
    subscription: input.subscription,
    previous: existing,
    mayExist: true,
  });
  const message: MessageSpec = {
    family: 'incident.update',
    facts: { incident: event.incident, update: event.update, previousStatus: event.previousStatus },
  };
  return [parent, replyStep({ key: `${event.id}:reply`, threadId: event.incident.id, message })];
}

function planUpdated({
  event,
  input,
  thread,
  existing,
  wanted,
}: IncidentContext<Extract<IncidentEvent, { kind: 'incident.updated' }>>): Step[] {
  const severity = eventSeverity(event);
  const key = `${event.id}:reply`;
  const threadId = event.incident.id;
  if (!thread) return event.afterResolution || !wanted ? [] : parentThenUpdate(event, input, existing);
  const escalated = !event.afterResolution && isEscalation(severity, thread);
  const mention = escalated ? mentionFor(input.subscription.mention, severity, thread) : undefined;
  const steps: Step[] = [
    replyStep({
      key,
      threadId,
      broadcast: escalated,
      message: {
        family: 'incident.update',
        facts: {
          incident: event.incident,
          update: event.update,
          previousStatus: event.previousStatus,
          afterResolution: event.afterResolution,
          changes: wantedFoldedChanges(input.subscription, event.changes),
          ...(escalated ? { escalatedTo: severity } : {}),
          ...(mention ? { mention } : {}),
        },
      },
      thread: {
        ...(severityRank(severity) > severityRank(thread.severity) ? { severity } : {}),
        ...(mention ? { mentioned: true } : {}),
      },
    }),
  ];
  const statusChanged = event.incident.status !== thread.status;
  const affectedChanged = affectedKey(event.affected) !== thread.affectedKey;
  if (!event.afterResolution && (statusChanged || affectedChanged)) {
    steps.push(
      editStep({ eventId: event.id, incident: event.incident, thread, severity, affected: event.affected }),
    );
  }
  return steps;
}

export function planIncident(event: IncidentEvent, input: PlanInput): Step[] {
  const existing = incidentThread(input.threads[event.incident.id]);
  const context = {
    input,
    existing,
    thread: existing && !existing.gone ? existing : undefined,
    wanted: wants(input.subscription, event),
  };
  switch (event.kind) {
    case 'incident.opened':
    case 'incident.caughtUp':
      return planNewParent({ ...context, event });
    case 'incident.resolved':
      return planResolved({ ...context, event });
    case 'incident.updated':
      return planUpdated({ ...context, event });
  }
}

/** PagerDuty took the page: the parent of a channel that follows the incident says so from now on (one edit). */
export function planPaged(event: Extract<BotEvent, { kind: 'incident.paged' }>, input: PlanInput): Step[] {
  const thread = incidentThread(input.threads[event.incident.id]);
  if (!thread || thread.gone || thread.resolved || thread.paged) return [];
  const { incident, affected } = event;
  return [
    editStep({ eventId: event.id, incident, thread, severity: thread.severity, affected, paged: true }),
  ];
}
