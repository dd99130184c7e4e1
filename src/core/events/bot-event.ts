/**
 * What the bot tells people about: the events detection derives from two snapshots. Every event id is
 * derived from the data, never from the clock or the process, so replicas and restarts agree on it.
 */

import type { CheckFacts, JobFailure } from './checks.js';
import type { Typical } from './history.js';
import type { ComponentStatus, Impact, IncidentStatus, IncidentUpdate, Maintenance } from './page.js';
import type { OfficialIncident, WarningFacts } from './warning.js';

export interface ComponentRef {
  id: string;
  name: string;
  status: ComponentStatus;
}

/** What the bot tells people about. Every event id is derived from the data, never random. */
export type BotEvent =
  | {
      kind: 'component.changed';
      id: string;
      at: string;
      componentId: string;
      name: string;
      from: ComponentStatus;
      to: ComponentStatus;
      /** Incidents open when the change was seen (or resolved in the same poll): the change belongs in their threads. */
      incidentIds: string[];
    }
  | {
      kind: 'components.changed';
      id: string;
      at: string;
      /** Every component change of one poll, so each channel gets one grouped message. */
      changes: ComponentChange[];
      incidentIds: string[];
    }
  | {
      kind: 'components.listChanged';
      id: string;
      at: string;
      /** Components the page started or stopped listing in one poll (one message, a capped list). */
      added: ComponentRef[];
      removed: ComponentRef[];
      /** How many components the page lists now. */
      pageSize: number;
    }
  | {
      kind: 'incident.caughtUp';
      id: string;
      at: string;
      /** One channel that subscribed while the incident was open: it gets the parent, current state, at once. */
      target: { teamId: string; channelId: string };
      incident: IncidentSummary;
      affected: ComponentRef[];
    }
  | {
      kind: 'component.added';
      id: string;
      at: string;
      componentId: string;
      name: string;
      status: ComponentStatus;
    }
  | {
      kind: 'component.removed';
      id: string;
      at: string;
      componentId: string;
      name: string;
      status: ComponentStatus;
    }
  | {
      kind: 'incident.opened';
      /** Component changes of the same poll in this incident: shown with it, not posted again. */
      changes?: ComponentChange[];
      id: string;
      at: string;
      incident: IncidentSummary;
      /** The first published update, if the incident has one. */
      update?: IncidentUpdate;
      affected: ComponentRef[];
      /** How long comparable incidents took (from the history), when there were at least three. */
      typical?: Typical;
    }
  | {
      kind: 'incident.updated';
      /** Component changes of the same poll in this incident: shown with it, not posted again. */
      changes?: ComponentChange[];
      id: string;
      at: string;
      incident: IncidentSummary;
      update: IncidentUpdate;
      /** The status the incident had before this update. */
      previousStatus: IncidentStatus;
      /** True when the incident had already resolved: post-mortem notes, never broadcast. */
      afterResolution: boolean;
      affected: ComponentRef[];
    }
  | {
      kind: 'incident.resolved';
      /** Component changes of the same poll in this incident: shown with it, not posted again. */
      changes?: ComponentChange[];
      id: string;
      at: string;
      incident: IncidentSummary;
      /** The resolving update, when the page published one. */
      update?: IncidentUpdate;
      durationMs?: number;
      affected: ComponentRef[];
    }
  | { kind: 'maintenance.scheduled'; id: string; at: string; maintenance: Maintenance }
  | { kind: 'maintenance.started'; id: string; at: string; maintenance: Maintenance }
  | { kind: 'maintenance.completed'; id: string; at: string; maintenance: Maintenance }
  /** PagerDuty took the page for this incident: its Slack parents say so. */
  | {
      kind: 'incident.paged';
      id: string;
      at: string;
      incident: IncidentSummary;
      affected: ComponentRef[];
      via: 'PagerDuty';
    }
  /** A scheduled maintenance's window moved (its start or end changed before it began). */
  | {
      kind: 'maintenance.rescheduled';
      id: string;
      at: string;
      maintenance: Maintenance;
      previous: Pick<Maintenance, 'scheduledFor' | 'scheduledUntil'>;
    }
  /** A scheduled maintenance left the page before its window began. */
  | { kind: 'maintenance.cancelled'; id: string; at: string; maintenance: Maintenance }
  /**
   * A scheduled maintenance starts within `leadMs` (the channels whose `reminder` is that lead want it). Derived
   * from the stored schedule and the time, not from a timer: `late` when it is sent well after `dueAt`.
   */
  | {
      kind: 'maintenance.reminder';
      id: string;
      at: string;
      maintenance: Maintenance;
      leadMs: number;
      dueAt: string;
      late: boolean;
    }
  | { kind: 'source.unreachable'; id: string; at: string; since: string; failures: number; reason: string }
  | { kind: 'source.recovered'; id: string; at: string; since: string; downForMs: number }
  /** Early warning: the team's own Clerk endpoints keep failing while the status page is silent (unconfirmed). */
  | { kind: 'warning.raised'; id: string; at: string; warning: WarningFacts }
  /** Another endpoint family started or stopped failing while the warning is on: its message is redrawn. */
  | { kind: 'warning.updated'; id: string; at: string; warning: WarningFacts }
  /** Clerk opened an incident during (or shortly after) a warning; the lead is from the warning to Clerk's word. */
  | {
      kind: 'warning.confirmed';
      id: string;
      at: string;
      warning: WarningFacts;
      incident: OfficialIncident;
      leadMs: number;
      wasCleared: boolean;
    }
  /** The probes recovered with no word from Clerk. */
  | { kind: 'warning.cleared'; id: string; at: string; warning: WarningFacts; durationMs: number }
  /** One of the team's own checks failed `failures` runs in a row: a thread of its own, with the verdict. */
  | { kind: 'check.failing'; id: string; at: string; check: CheckFacts }
  /** While the check fails, the verdict changed (Clerk's page or the probes changed): a line in its thread. */
  | { kind: 'check.verdict'; id: string; at: string; check: CheckFacts }
  /** The check passed again after its alert. */
  | { kind: 'check.recovered'; id: string; at: string; check: CheckFacts; durationMs: number }
  /** Component changes a channel held (its flap guard) that lasted the whole window: posted to that channel only. */
  | {
      kind: 'components.confirmed';
      id: string;
      at: string;
      target: { teamId: string; channelId: string };
      changes: ComponentChange[];
      heldMs: number;
    }
  /** A job still failed after its retries. */
  | { kind: 'job.failed'; id: string; at: string; job: JobFailure }
  /** Clerk's Maintenance Mode (the `maintenance_mode` flag of the instance's /v1/environment) turned on or off. */
  | {
      kind: 'clerk.maintenance';
      id: string;
      at: string;
      phase: 'started' | 'ended';
      since: string;
      durationMs?: number;
    };

export interface ComponentChange {
  componentId: string;
  name: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

/** An incident's first published update: what Clerk said first, quoted by its parent message. */
export interface Opening {
  status: IncidentStatus;
  body: string;
  at: string;
}

export interface IncidentSummary {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: Impact;
  url: string;
  createdAt: string;
  resolvedAt?: string;
  opening?: Opening;
}

/** The events of a scheduled maintenance's story (one thread per maintenance). */
export const MAINTENANCE_KINDS = [
  'maintenance.scheduled',
  'maintenance.rescheduled',
  'maintenance.started',
  'maintenance.completed',
  'maintenance.cancelled',
  'maintenance.reminder',
] as const satisfies readonly BotEvent['kind'][];
export type MaintenanceEvent = Extract<BotEvent, { kind: (typeof MAINTENANCE_KINDS)[number] }>;

export function isMaintenanceEvent(event: BotEvent): event is MaintenanceEvent {
  return (MAINTENANCE_KINDS as readonly string[]).includes(event.kind);
}
