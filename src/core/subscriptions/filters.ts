/**
 * Which events pass a channel's filters (components, minimum severity, maintenance) and how serious an event
 * is. The planner also keeps an incident's thread complete in channels that already follow it, whatever these
 * say about later updates.
 */
import {
  type BotEvent,
  type ComponentChange,
  type ComponentRef,
  isMaintenanceEvent,
  type MaintenanceEvent,
} from '../events/bot-event.js';
import { impactSeverity, type Severity, severityOf, severityRank } from '../events/severity.js';
import { reminderMsOf, type Subscription } from './subscription.js';

function touches(subscription: Subscription, componentIds: string[]): boolean {
  if (subscription.componentIds.length === 0) return true;
  return componentIds.some((id) => subscription.componentIds.includes(id));
}

/** How serious an event is, for the minimum-severity filter. A recovery counts at the level it recovers from. */
export function eventSeverity(event: BotEvent): Severity {
  if (isMaintenanceEvent(event)) return 'maintenance';
  switch (event.kind) {
    case 'component.changed':
      return changeSeverity(event);
    case 'components.changed':
      return event.changes
        .map(changeSeverity)
        .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a), 'operational');
    case 'component.added':
    case 'component.removed':
      return severityOf(event.status);
    case 'components.listChanged':
      return worstOf([...event.added, ...event.removed]);
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved':
    case 'incident.caughtUp':
    case 'incident.paged': {
      // An incident is at least a degradation, even before Clerk names a component (or when its impact says none).
      const worst = worstOf(event.affected);
      const impact = impactSeverity(event.incident.impact);
      const named = severityRank(worst) >= severityRank(impact) ? worst : impact;
      return severityRank(named) >= severityRank('degraded') ? named : 'degraded';
    }
    case 'source.unreachable':
    case 'source.recovered':
      return 'major';
    case 'warning.raised':
    case 'warning.updated':
    case 'warning.confirmed':
    case 'warning.cleared':
      return 'partial';
    case 'clerk.maintenance':
      return 'maintenance';
    case 'check.failing':
    case 'check.verdict':
    case 'check.recovered':
    case 'job.failed':
      return 'partial';
    case 'components.confirmed':
      return event.changes
        .map(changeSeverity)
        .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a), 'operational');
  }
}

function changeSeverity(change: { from: ComponentChange['from']; to: ComponentChange['to'] }): Severity {
  const from = severityOf(change.from);
  const to = severityOf(change.to);
  return severityRank(from) > severityRank(to) ? from : to;
}

/** The folded component changes of an incident event this subscription wants (its components, at its severity). */
export function wantedFoldedChanges(
  subscription: Subscription,
  changes: ComponentChange[] | undefined,
): ComponentChange[] {
  return (changes ?? []).filter(
    (change) =>
      touches(subscription, [change.componentId]) &&
      severityRank(changeSeverity(change)) >= severityRank(subscription.minSeverity),
  );
}

/** The changes of a grouped event this subscription wants (its components, at its severity). */
export function wantedChanges(
  subscription: Subscription,
  event: Extract<BotEvent, { kind: 'components.changed' }>,
): ComponentChange[] {
  return event.changes.filter(
    (change) =>
      touches(subscription, [change.componentId]) &&
      severityRank(changeSeverity(change)) >= severityRank(subscription.minSeverity),
  );
}

function worstOf(components: ComponentRef[]): Severity {
  let worst: Severity = 'operational';
  for (const c of components)
    if (severityRank(severityOf(c.status)) > severityRank(worst)) worst = severityOf(c.status);
  return worst;
}

/** Maintenance notices on, and the maintenance names none of the components or one the channel follows. */
function wantsMaintenance(subscription: Subscription, event: MaintenanceEvent): boolean {
  // A reminder goes to the channels whose lead it is.
  if (event.kind === 'maintenance.reminder' && reminderMsOf(subscription) !== event.leadMs) return false;
  const { componentIds } = event.maintenance;
  return subscription.maintenance && (componentIds.length === 0 || touches(subscription, componentIds));
}

/**
 * Whether a subscription wants this event (components, severity, maintenance). The planner also keeps an
 * incident's thread complete in channels that already follow it, whatever this says about later updates.
 */
export function wants(subscription: Subscription, event: BotEvent): boolean {
  if (isMaintenanceEvent(event)) return wantsMaintenance(subscription, event);
  switch (event.kind) {
    case 'source.unreachable':
    case 'source.recovered':
      return true;
    // Early warnings have their own switch, not the severity or component filters (they name no component).
    case 'warning.raised':
    case 'warning.updated':
    case 'warning.confirmed':
    case 'warning.cleared':
    case 'clerk.maintenance':
      return subscription.earlyWarnings !== false;
    // The team's own checks and jobs: their own switch; they name no Clerk component.
    case 'check.failing':
    case 'check.verdict':
    case 'check.recovered':
    case 'job.failed':
      return subscription.checks !== false;
    case 'components.changed':
      return wantedChanges(subscription, event).length > 0;
    // Only channels that follow the incident's thread hear it (the planner asks for the thread).
    case 'incident.paged':
      return true;
    case 'components.confirmed':
      // Already filtered when it was held, for this channel alone.
      return event.target.teamId === subscription.teamId && event.target.channelId === subscription.channelId;
    case 'incident.caughtUp':
      if (event.target.teamId !== subscription.teamId || event.target.channelId !== subscription.channelId)
        return false;
      break;
    default:
      break;
  }
  if (severityRank(eventSeverity(event)) < severityRank(subscription.minSeverity)) return false;
  switch (event.kind) {
    case 'component.changed':
    case 'component.added':
    case 'component.removed':
      return touches(subscription, [event.componentId]);
    case 'components.listChanged':
      return touches(
        subscription,
        [...event.added, ...event.removed].map((c) => c.id),
      );
    default:
      // An incident naming no components yet reaches channels without a component filter; a filtered
      // channel joins (with a parent showing the current state) once the incident touches its components.
      return touches(
        subscription,
        event.affected.map((c) => c.id),
      );
  }
}
