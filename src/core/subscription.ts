/**
 * A channel's subscription and the pure rules around it: which components it covers, which events pass
 * its filters, and how it is described back to people.
 */

import type { BotEvent, Component, ComponentChange, ComponentRef, Severity } from './model.js';
import { impactSeverity, severityOf, severityRank } from './severity.js';

export type MentionPolicy =
  | { kind: 'none' }
  | { kind: 'here' }
  | { kind: 'channel' }
  | { kind: 'usergroup'; id: string };

export interface Subscription {
  teamId: string;
  channelId: string;
  /** Component ids; empty means every component. */
  componentIds: string[];
  /** Names as they were when chosen, to describe ids that later vanish from the page. */
  componentNames: string[];
  /** Events below this severity are not posted. 'operational' means everything. */
  minSeverity: Severity;
  maintenance: boolean;
  /** Who to notify on an incident opening or escalating to a major outage. */
  mention: MentionPolicy;
  updatedBy: string;
  updatedAt: string;
}

export function defaultSubscription(
  teamId: string,
  channelId: string,
  userId: string,
  at: string,
): Subscription {
  return {
    teamId,
    channelId,
    componentIds: [],
    componentNames: [],
    minSeverity: 'operational',
    maintenance: true,
    mention: { kind: 'none' },
    updatedBy: userId,
    updatedAt: at,
  };
}

/** Case-, space- and punctuation-insensitive key, so "user & authentication" finds "User and authentication". */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function resolveComponents(
  names: string[],
  components: Component[],
): { matched: Component[]; unknown: string[] } {
  const byKey = new Map(components.map((c) => [nameKey(c.name), c]));
  const matched = new Map<string, Component>();
  const unknown: string[] = [];
  for (const name of names) {
    const component = byKey.get(nameKey(name));
    if (component) matched.set(component.id, component);
    else unknown.push(name);
  }
  return { matched: [...matched.values()], unknown };
}

function touches(subscription: Subscription, componentIds: string[]): boolean {
  if (subscription.componentIds.length === 0) return true;
  return componentIds.some((id) => subscription.componentIds.includes(id));
}

/** How serious an event is, for the minimum-severity filter. A recovery counts at the level it recovers from. */
export function eventSeverity(event: BotEvent): Severity {
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
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved': {
      const worst = worstOf(event.affected);
      const impact = impactSeverity(event.incident.impact);
      return severityRank(worst) >= severityRank(impact) ? worst : impact;
    }
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed':
      return 'maintenance';
    case 'source.unreachable':
    case 'source.recovered':
      return 'major';
  }
}

function changeSeverity(change: { from: ComponentChange['from']; to: ComponentChange['to'] }): Severity {
  const from = severityOf(change.from);
  const to = severityOf(change.to);
  return severityRank(from) > severityRank(to) ? from : to;
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

/**
 * Whether a subscription wants this event (components, severity, maintenance). The planner also keeps an
 * incident's thread complete in channels that already follow it, whatever this says about later updates.
 */
export function wants(subscription: Subscription, event: BotEvent): boolean {
  switch (event.kind) {
    case 'source.unreachable':
    case 'source.recovered':
      return true;
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed':
      return (
        subscription.maintenance &&
        (event.maintenance.componentIds.length === 0 || touches(subscription, event.maintenance.componentIds))
      );
    case 'components.changed':
      return wantedChanges(subscription, event).length > 0;
    default:
      break;
  }
  if (severityRank(eventSeverity(event)) < severityRank(subscription.minSeverity)) return false;
  switch (event.kind) {
    case 'component.changed':
    case 'component.added':
    case 'component.removed':
      return touches(subscription, [event.componentId]);
    default:
      // An incident naming no components yet reaches channels without a component filter; a filtered
      // channel joins (with a parent showing the current state) once the incident touches its components.
      return touches(
        subscription,
        event.affected.map((c) => c.id),
      );
  }
}

export const MIN_SEVERITY_CHOICES: { value: Severity; label: string }[] = [
  { value: 'operational', label: 'Every change' },
  { value: 'degraded', label: 'Degraded performance or worse' },
  { value: 'partial', label: 'Partial outage or worse' },
  { value: 'major', label: 'Major outage only' },
];
