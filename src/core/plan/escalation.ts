/**
 * What pages (PagerDuty) for an event, as data: open an episode (trigger), end one (resolve), or tie an early
 * warning's episode to the incident that confirmed it (it then ends when that incident resolves, not before: the
 * page stays open while Clerk is down). Pure; the application keeps the open episodes and their dedup keys.
 */
import { type BotEvent, isMaintenanceEvent } from '../events/bot-event.js';
import type { CheckFacts } from '../events/checks.js';
import { digest } from '../events/digest.js';
import { eventId } from '../events/ids.js';
import { type Severity, severityRank } from '../events/severity.js';
import { eventSeverity } from '../subscriptions/filters.js';
import { checkThreadId } from './check-steps.js';

/** What `ESCALATE_ON` may select. */
export const ESCALATE_CHOICES = ['major', 'partial', 'warning', 'checks'] as const;
export type EscalateOn = (typeof ESCALATE_CHOICES)[number];
export const DEFAULT_ESCALATE_ON: EscalateOn[] = ['major', 'warning', 'checks'];

/** PagerDuty's severities. */
export type PageSeverity = 'critical' | 'error' | 'warning' | 'info';

/** What a trigger says: the page's own words come from render/pagerduty.ts. */
export type PageSubject =
  | { kind: 'incident'; event: Extract<BotEvent, { kind: 'incident.opened' | 'incident.updated' }> }
  | { kind: 'components'; event: Extract<BotEvent, { kind: 'components.changed' }>; incidentId: string }
  | { kind: 'warning'; event: Extract<BotEvent, { kind: 'warning.raised' }> }
  | { kind: 'check'; check: CheckFacts };

export type Escalation =
  | { action: 'trigger'; episode: string; severity: PageSeverity; subject: PageSubject; eventId: string }
  | { action: 'resolve'; episode: string }
  /** The warning's episode now ends with the incident's. */
  | { action: 'link'; episode: string; endsWith: string };

export const incidentEpisode = (incidentId: string) => eventId('incident', incidentId);
export const warningEpisode = (warningId: string) => eventId('warning', warningId);
export const checkEpisode = (check: CheckFacts) => eventId('check', checkThreadId(check.name, check.since));

/** The lowest incident severity that pages, or undefined when incidents do not page. */
function incidentFloor(on: readonly EscalateOn[]): Severity | undefined {
  if (on.includes('partial')) return 'partial';
  if (on.includes('major')) return 'major';
  return undefined;
}

function pageSeverity(severity: Severity): PageSeverity {
  return severity === 'major' ? 'critical' : severity === 'partial' ? 'error' : 'warning';
}

function meets(severity: Severity, floor: Severity | undefined): boolean {
  return floor !== undefined && severityRank(severity) >= severityRank(floor);
}

const trigger = (episode: string, severity: PageSeverity, subject: PageSubject, by: string): Escalation => ({
  action: 'trigger',
  episode,
  severity,
  subject,
  eventId: by,
});

/**
 * Nothing else pages: news without an outage (maintenance too, checked with its own list), a channel's own catch-up,
 * or what the thread already tells.
 */
const QUIET_KINDS = [
  'component.changed',
  'components.confirmed',
  'components.listChanged',
  'component.added',
  'component.removed',
  'incident.caughtUp',
  'incident.paged',
  'source.unreachable',
  'source.recovered',
  'warning.updated',
  'check.verdict',
  'job.failed',
  'clerk.maintenance',
] as const satisfies readonly BotEvent['kind'][];

function isQuiet(event: BotEvent): event is Extract<BotEvent, { kind: (typeof QUIET_KINDS)[number] }> {
  return (QUIET_KINDS as readonly string[]).includes(event.kind);
}

export function escalationsFor(event: BotEvent, on: readonly EscalateOn[]): Escalation[] {
  if (isQuiet(event) || isMaintenanceEvent(event)) return [];
  const floor = incidentFloor(on);
  switch (event.kind) {
    case 'incident.opened':
    case 'incident.updated': {
      const severity = eventSeverity(event);
      if (!meets(severity, floor) || event.incident.status === 'resolved') return [];
      const episode = incidentEpisode(event.incident.id);
      return [trigger(episode, pageSeverity(severity), { kind: 'incident', event }, event.id)];
    }
    case 'components.changed': {
      // Clerk may mark a component down inside an open incident without a new update: that can page too.
      const severity = eventSeverity(event);
      const incidentId = event.incidentIds[0];
      if (!incidentId || !meets(severity, floor)) return [];
      const subject: PageSubject = { kind: 'components', event, incidentId };
      return [trigger(incidentEpisode(incidentId), pageSeverity(severity), subject, event.id)];
    }
    case 'incident.resolved':
      return [{ action: 'resolve', episode: incidentEpisode(event.incident.id) }];
    case 'warning.raised': {
      const episode = warningEpisode(event.warning.id);
      return on.includes('warning') ? [trigger(episode, 'error', { kind: 'warning', event }, event.id)] : [];
    }
    case 'warning.confirmed': {
      const endsWith = incidentEpisode(event.incident.id);
      return [{ action: 'link', episode: warningEpisode(event.warning.id), endsWith }];
    }
    case 'warning.cleared':
      return [{ action: 'resolve', episode: warningEpisode(event.warning.id) }];
    case 'check.failing': {
      const subject: PageSubject = { kind: 'check', check: event.check };
      return on.includes('checks') ? [trigger(checkEpisode(event.check), 'error', subject, event.id)] : [];
    }
    case 'check.recovered':
      return [{ action: 'resolve', episode: checkEpisode(event.check) }];
    default:
      return event satisfies never;
  }
}

/**
 * The PagerDuty dedup key of an episode opened by `eventId`: stable across restarts and replicas (both come from
 * the data), new for a reopened incident (PagerDuty opens a new alert for a key that was resolved, and drops a
 * resolve for it). At most 255 characters.
 */
export function dedupKey(episode: string, openedBy: string): string {
  const key = `clerk-status-bot:${episode}:${digest(openedBy)}`;
  return key.length <= 255 ? key : `clerk-status-bot:${digest(episode)}:${digest(openedBy)}`;
}
