/**
 * The normalized model every other module speaks. Both status-page shapes (incident.io's thin
 * Statuspage-compatible API and Atlassian's full one) are turned into these types by status-page.ts.
 * Timestamps are ISO-8601 strings so snapshots serialize to the store unchanged.
 */

export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'unknown',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Ordered from calm to worst; filters compare by index. */
export const SEVERITIES = ['operational', 'maintenance', 'degraded', 'partial', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
  'unknown',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export type Impact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance' | 'unknown';

export const MAINTENANCE_STATUSES = [
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
  'unknown',
] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export interface Component {
  id: string;
  name: string;
  status: ComponentStatus;
  position: number;
  /** Atlassian groups only; incident.io pages have none. */
  groupName?: string;
  updatedAt?: string;
}

export interface ComponentTransition {
  componentId?: string;
  name: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

export interface IncidentUpdate {
  id: string;
  status: IncidentStatus;
  /** Markdown from the status page, unescaped. Renderers escape it for Slack. */
  body: string;
  /** When the update was published (display_at, falling back to created_at). */
  at: string;
  /** Atlassian only: the component changes this update announced. */
  affected?: ComponentTransition[];
}

export interface Incident {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: Impact;
  createdAt: string;
  resolvedAt?: string;
  url: string;
  /** Oldest first. */
  updates: IncidentUpdate[];
  /** Atlassian only: the components the incident names. */
  componentIds?: string[];
}

export interface Maintenance {
  id: string;
  name: string;
  status: MaintenanceStatus;
  scheduledFor?: string;
  scheduledUntil?: string;
  url: string;
  componentIds: string[];
  /** Latest update text, if any. */
  latestBody?: string;
}

export interface Snapshot {
  page: { name: string; url: string };
  /** Sorted by position, then name. */
  components: Component[];
  /** Every incident either endpoint reported, open and recently resolved, newest first. */
  incidents: Incident[];
  maintenances: Maintenance[];
  /** When the shell fetched it; supplied by the caller, never read from a clock here. */
  fetchedAt: string;
}

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
      id: string;
      at: string;
      incident: IncidentSummary;
      /** The first published update, if the incident has one. */
      update?: IncidentUpdate;
      affected: ComponentRef[];
    }
  | {
      kind: 'incident.updated';
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
  | { kind: 'source.unreachable'; id: string; at: string; since: string; failures: number; reason: string }
  | { kind: 'source.recovered'; id: string; at: string; since: string; downForMs: number };

export interface ComponentChange {
  componentId: string;
  name: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

export interface IncidentSummary {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: Impact;
  url: string;
  createdAt: string;
  resolvedAt?: string;
}
