/**
 * What a status page says, normalized: both shapes (incident.io's thin Statuspage-compatible API and
 * Atlassian's full one) become these types in normalize.ts. Detection reads only these.
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

/** Resolved or post-mortem: the incident is over, whatever comes after. */
export function isClosed(incident: Pick<Incident, 'status'>): boolean {
  return incident.status === 'resolved' || incident.status === 'postmortem';
}

/** An incident's page on the status page: every link the bot posts is built from the configured page URL. */
export function incidentUrl(pageUrl: string, incidentId: string): string {
  return `${pageUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(incidentId)}`;
}
