/**
 * plan(event, subscription, threads) → the steps one channel needs, in order. Pure: the channel's thread
 * state is an input, and each step says how that state changes once it is done. Each event family has its
 * own planner; this only routes.
 */
import { type BotEvent, isMaintenanceEvent } from '../events/bot-event.js';
import { wants } from '../subscriptions/filters.js';
import { checkThreadId, planCheck } from './check-steps.js';
import { asGroup, planComponentChanges, planConfirmed } from './component-steps.js';
import { planIncident, planPaged } from './incident-steps.js';
import { maintenanceThreadId, planMaintenance } from './maintenance-steps.js';
import { isNotice, type NoticeEvent } from './messages.js';
import { postStep } from './steps.js';
import type { PlanInput, Step } from './types.js';
import { planClerkMaintenance, planWarning } from './warning-steps.js';

/** The steps one channel needs for one event, in order. Empty when the channel does not want it. */
export function plan(input: PlanInput): Step[] {
  const { event } = input;
  if (isNotice(event)) return planNotice(event, input);
  if (isMaintenanceEvent(event)) return planMaintenance(event, input);
  switch (event.kind) {
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved':
    case 'incident.caughtUp':
      return planIncident(event, input);
    case 'incident.paged':
      return planPaged(event, input);
    case 'components.changed':
      return planComponentChanges(event, input);
    case 'components.confirmed':
      return planConfirmed(event, input);
    case 'component.changed':
      return planComponentChanges(asGroup(event), input);
    case 'warning.raised':
    case 'warning.updated':
    case 'warning.confirmed':
    case 'warning.cleared':
      return planWarning(event, input);
    case 'clerk.maintenance':
      return planClerkMaintenance(event, input);
    case 'check.failing':
    case 'check.verdict':
    case 'check.recovered':
    case 'job.failed':
      return planCheck(event, input);
    default:
      // A new event kind must be planned (or deliberately ignored) here: forgetting it does not compile.
      return event satisfies never;
  }
}

/** Events told by one message of their own, when the channel wants them. */
function planNotice(event: NoticeEvent, input: PlanInput): Step[] {
  if (!wants(input.subscription, event)) return [];
  return [postStep(`${event.id}:post`, { family: 'notice', event, statusPageUrl: input.statusPageUrl })];
}

/** The incidents whose threads the planner needs for this event. */
export function threadIdsFor(event: BotEvent): string[] {
  if (isNotice(event)) return [];
  if (isMaintenanceEvent(event)) return [maintenanceThreadId(event.maintenance.id)];
  switch (event.kind) {
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved':
    case 'incident.caughtUp':
    case 'incident.paged':
      return [event.incident.id];
    case 'components.changed':
    case 'component.changed':
      return event.incidentIds;
    case 'warning.raised':
    case 'warning.updated':
    case 'warning.cleared':
      return [event.warning.id];
    case 'warning.confirmed':
      // The incident's thread too: the confirmation links its parent in the channel.
      return [event.warning.id, event.incident.id];
    case 'clerk.maintenance':
    case 'job.failed':
    case 'components.confirmed':
      return [];
    case 'check.failing':
    case 'check.verdict':
    case 'check.recovered':
      return [checkThreadId(event.check.name, event.check.since)];
    default:
      return event satisfies never;
  }
}
