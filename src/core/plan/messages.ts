/**
 * What a step says, as data. The planner decides which message a channel gets and with which facts; render/
 * draws it (Block Kit and text) in one exhaustive switch. So the planner never draws and imports nothing from
 * render/, and a new message family without a renderer is a compile error there.
 */
import type { BotEvent, ComponentChange, ComponentRef, IncidentSummary } from '../events/bot-event.js';
import type { CheckFacts, JobFailure } from '../events/checks.js';
import type { Typical } from '../events/history.js';
import type { IncidentStatus, IncidentUpdate, Maintenance } from '../events/page.js';
import type { Severity } from '../events/severity.js';
import type { OfficialIncident, VoteTally, WarningFacts, WarningView } from '../events/warning.js';

export interface ParentFacts {
  incident: IncidentSummary;
  status: IncidentStatus;
  severity: Severity;
  affected: ComponentRef[];
  /** `<!here>`, `<!channel>` or `<!subteam^ID>` when the subscription asks for it. */
  mention?: string;
  /** Set once resolved. */
  durationMs?: number;
  /** PagerDuty was paged for this incident. */
  paged?: boolean;
  /** How long comparable incidents took (from the history). */
  typical?: Typical;
  /** An earlier parent of this incident was refused by Slack in this channel: this one replaces it. */
  replacesRefused?: boolean;
}

export interface UpdateFacts {
  incident: IncidentSummary;
  update: IncidentUpdate;
  previousStatus: IncidentStatus;
  /** Severity rose to partial or major: say so first. */
  escalatedTo?: Severity;
  mention?: string;
  afterResolution?: boolean;
  /** The component changes this channel wants from the same poll. */
  changes?: ComponentChange[];
}

/** Events told by a single message of their own: the component list, the page going dark. */
export const NOTICE_KINDS = [
  'components.listChanged',
  'component.added',
  'component.removed',
  'source.unreachable',
  'source.recovered',
] as const satisfies readonly BotEvent['kind'][];
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type NoticeEvent = Extract<BotEvent, { kind: NoticeKind }>;

export function isNotice(event: BotEvent): event is NoticeEvent {
  return (NOTICE_KINDS as readonly string[]).includes(event.kind);
}

/** Where a scheduled maintenance stands, as its parent shows it. */
export type MaintenancePhase = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

/** A reminder before a maintenance window: its lead, when it was due, and when it is sent (`at`). */
export interface ReminderFacts {
  leadMs: number;
  dueAt: string;
  at: string;
  late: boolean;
}

/** What a reply in a maintenance's thread says. */
export type MaintenanceNews =
  | { change: 'reminder'; reminder: ReminderFacts }
  | { change: 'rescheduled'; previous: Pick<Maintenance, 'scheduledFor' | 'scheduledUntil'> }
  | { change: 'started' }
  | { change: 'completed' }
  | { change: 'cancelled' };

export type MessageSpec =
  | { family: 'incident.parent'; facts: ParentFacts }
  | { family: 'incident.update'; facts: UpdateFacts }
  | {
      family: 'incident.resolution';
      incident: IncidentSummary;
      update: IncidentUpdate | undefined;
      durationMs: number | undefined;
      changes: ComponentChange[];
    }
  | {
      family: 'components';
      changes: ComponentChange[];
      at: string;
      statusPageUrl: string;
      inThread: boolean;
      /** Posted after the channel's flap guard held it this long. */
      confirmedAfterMs?: number;
    }
  | { family: 'notice'; event: NoticeEvent; statusPageUrl: string }
  | {
      family: 'warning';
      warning: WarningFacts;
      view: WarningView;
      statusPageUrl: string;
      votes: VoteTally | undefined;
    }
  | {
      family: 'warning.confirmed';
      incident: OfficialIncident;
      leadMs: number;
      parentLink: string | undefined;
    }
  | { family: 'warning.cleared'; durationMs: number }
  /** A scheduled maintenance's parent; `reminder` when the reminder is the first this channel hears of it. */
  | {
      family: 'maintenance';
      maintenance: Maintenance;
      phase: MaintenancePhase;
      reminder?: ReminderFacts;
      /** The channel's reminder lead (0: none), said under a scheduled parent. */
      reminderMs: number;
    }
  | { family: 'maintenance.update'; maintenance: Maintenance; news: MaintenanceNews }
  | { family: 'clerk.maintenance'; phase: 'started' | 'ended'; durationMs: number | undefined }
  /** A failing check's parent: failing (with its verdict), or recovered after `durationMs`. */
  | { family: 'check'; check: CheckFacts; recoveredAfterMs?: number }
  | { family: 'check.verdict'; check: CheckFacts }
  | { family: 'check.recovered'; check: CheckFacts; durationMs: number }
  | { family: 'job.failed'; job: JobFailure };

export type MessageFamily = MessageSpec['family'];
