/**
 * zod schemas for the two status-page shapes and their normalization into a Snapshot.
 *
 * incident.io (what status.clerk.com serves): flat components, `incidents` omitted from summary.json when
 * nothing is open, no shortlink/started_at/components on incidents, `resolved_at` absent while open,
 * updates with `display_at` and no `affected_components`.
 * Atlassian Statuspage: group rows in `components`, `scheduled_maintenances`, `affected_components`.
 * Only id/name/status are required anywhere; unknown fields are dropped; unknown enum strings become
 * `unknown` instead of failing the whole page.
 */
import { z } from 'zod';
import type {
  Component,
  ComponentStatus,
  ComponentTransition,
  Impact,
  Incident,
  IncidentStatus,
  IncidentUpdate,
  Maintenance,
  MaintenanceStatus,
  Snapshot,
} from './model.js';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from './model.js';

export function normalizeComponentStatus(raw: string): ComponentStatus {
  const value = raw.trim().toLowerCase();
  if (value === 'full_outage') return 'major_outage';
  return (COMPONENT_STATUSES as readonly string[]).includes(value) ? (value as ComponentStatus) : 'unknown';
}

function normalizeIncidentStatus(raw: string): IncidentStatus {
  const value = raw.trim().toLowerCase();
  if (value === 'fixing') return 'identified';
  return (INCIDENT_STATUSES as readonly string[]).includes(value) ? (value as IncidentStatus) : 'unknown';
}

function normalizeMaintenanceStatus(raw: string): MaintenanceStatus {
  const value = raw.trim().toLowerCase();
  if (value === 'maintenance_scheduled') return 'scheduled';
  if (value === 'maintenance_in_progress') return 'in_progress';
  if (value === 'maintenance_complete' || value === 'complete') return 'completed';
  return (MAINTENANCE_STATUSES as readonly string[]).includes(value)
    ? (value as MaintenanceStatus)
    : 'unknown';
}

function normalizeImpact(raw: string | null | undefined): Impact {
  const value = (raw ?? 'none').trim().toLowerCase();
  return ['none', 'minor', 'major', 'critical', 'maintenance'].includes(value)
    ? (value as Impact)
    : 'unknown';
}

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');
const optionalTimestamp = timestamp.nullish();

const pageSchema = z.object({
  id: z.string().optional(),
  name: z.string().default('Status page'),
  url: z.string().default(''),
});

const componentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  position: z.number().nullish(),
  updated_at: optionalTimestamp,
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
});

const affectedComponentSchema = z.object({
  code: z.string().nullish(),
  name: z.string(),
  old_status: z.string().nullish(),
  new_status: z.string().nullish(),
});

const updateSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  body: z.string().nullish(),
  created_at: timestamp,
  display_at: optionalTimestamp,
  affected_components: z.array(affectedComponentSchema).nullish(),
});

const incidentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  impact: z.string().nullish(),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  resolved_at: optionalTimestamp,
  started_at: optionalTimestamp,
  shortlink: z.string().nullish(),
  components: z.array(z.object({ id: z.string() })).nullish(),
  incident_updates: z.array(updateSchema).nullish(),
});

const maintenanceSchema = incidentSchema.extend({
  scheduled_for: optionalTimestamp,
  scheduled_until: optionalTimestamp,
});

export const summarySchema = z.object({
  page: pageSchema,
  components: z.array(componentSchema),
  incidents: z.array(incidentSchema).nullish(),
  scheduled_maintenances: z.array(maintenanceSchema).nullish(),
});

export const incidentsSchema = z.object({
  page: pageSchema.optional(),
  incidents: z.array(incidentSchema),
});

export type SummaryDocument = z.infer<typeof summarySchema>;
export type IncidentsDocument = z.infer<typeof incidentsSchema>;
type RawIncident = z.infer<typeof incidentSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}

export function parseSummary(json: unknown): ParseResult<SummaryDocument> {
  const result = summarySchema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: describeIssues(result.error) };
}

export function parseIncidents(json: unknown): ParseResult<IncidentsDocument> {
  const result = incidentsSchema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: describeIssues(result.error) };
}

/** `<page url without trailing slash>/incidents/<id>`; shortlink is absent or null on incident.io. */
export function incidentUrl(pageUrl: string, incidentId: string): string {
  return `${pageUrl.replace(/\/+$/, '')}/incidents/${incidentId}`;
}

function toIso(value: string): string {
  return new Date(value).toISOString();
}

function normalizeUpdate(raw: NonNullable<RawIncident['incident_updates']>[number]): IncidentUpdate {
  const update: IncidentUpdate = {
    id: raw.id,
    status: normalizeIncidentStatus(raw.status),
    body: raw.body ?? '',
    at: toIso(raw.display_at ?? raw.created_at),
  };
  if (raw.affected_components && raw.affected_components.length > 0) {
    update.affected = raw.affected_components.map(
      (affected): ComponentTransition => ({
        ...(affected.code ? { componentId: affected.code } : {}),
        name: affected.name,
        from: normalizeComponentStatus(affected.old_status ?? 'unknown'),
        to: normalizeComponentStatus(affected.new_status ?? 'unknown'),
      }),
    );
  }
  return update;
}

function normalizeIncident(raw: RawIncident, pageUrl: string): Incident {
  const updates = (raw.incident_updates ?? []).map(normalizeUpdate);
  // Pages list updates newest first; ties keep id order so the result is deterministic.
  updates.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const incident: Incident = {
    id: raw.id,
    name: raw.name.trim(),
    status: normalizeIncidentStatus(raw.status),
    impact: normalizeImpact(raw.impact),
    createdAt: toIso(raw.started_at ?? raw.created_at),
    url: incidentUrl(pageUrl, raw.id),
    updates,
  };
  if (raw.resolved_at) incident.resolvedAt = toIso(raw.resolved_at);
  if (raw.components && raw.components.length > 0) incident.componentIds = raw.components.map((c) => c.id);
  return incident;
}

function updatedAt(raw: RawIncident): string {
  return raw.updated_at ?? raw.incident_updates?.[0]?.created_at ?? raw.created_at;
}

/**
 * Merge the open incidents of summary.json with the history of incidents.json. The newer record of an
 * incident wins, and updates are the union of both, so neither endpoint lagging behind the other loses
 * an update.
 */
function mergeIncidents(summary: RawIncident[], history: RawIncident[], pageUrl: string): Incident[] {
  const byId = new Map<string, { incident: Incident; updatedAt: number }>();
  for (const raw of [...history, ...summary]) {
    const entry = { incident: normalizeIncident(raw, pageUrl), updatedAt: Date.parse(updatedAt(raw)) };
    const known = byId.get(raw.id);
    if (!known) {
      byId.set(raw.id, entry);
      continue;
    }
    const kept = entry.updatedAt >= known.updatedAt ? entry : known;
    const updates = new Map([...known.incident.updates, ...entry.incident.updates].map((u) => [u.id, u]));
    kept.incident.updates = [...updates.values()].sort(
      (x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id),
    );
    byId.set(raw.id, kept);
  }
  return [...byId.values()]
    .map((entry) => entry.incident)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

function normalizeComponents(raw: SummaryDocument['components']): Component[] {
  const groupNames = new Map(raw.filter((c) => c.group === true).map((c) => [c.id, c.name]));
  const components = raw
    .filter((c) => c.group !== true)
    .map((c): Component => {
      const component: Component = {
        id: c.id,
        name: c.name.trim(),
        status: normalizeComponentStatus(c.status),
        position: c.position ?? Number.MAX_SAFE_INTEGER,
      };
      const groupName = c.group_id ? groupNames.get(c.group_id) : undefined;
      if (groupName) component.groupName = groupName;
      if (c.updated_at) component.updatedAt = toIso(c.updated_at);
      return component;
    });
  return components.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

function normalizeMaintenance(raw: z.infer<typeof maintenanceSchema>, pageUrl: string): Maintenance {
  const latest = [...(raw.incident_updates ?? [])].sort((a, b) =>
    b.created_at.localeCompare(a.created_at),
  )[0];
  const maintenance: Maintenance = {
    id: raw.id,
    name: raw.name.trim(),
    status: normalizeMaintenanceStatus(raw.status),
    url: incidentUrl(pageUrl, raw.id),
    componentIds: (raw.components ?? []).map((c) => c.id),
  };
  if (raw.scheduled_for) maintenance.scheduledFor = toIso(raw.scheduled_for);
  if (raw.scheduled_until) maintenance.scheduledUntil = toIso(raw.scheduled_until);
  if (latest?.body) maintenance.latestBody = latest.body;
  return maintenance;
}

export function normalize(summary: SummaryDocument, history: IncidentsDocument, fetchedAt: string): Snapshot {
  const pageUrl = summary.page.url || history.page?.url || '';
  return {
    page: { name: summary.page.name, url: pageUrl.replace(/\/+$/, '') },
    components: normalizeComponents(summary.components),
    incidents: mergeIncidents(summary.incidents ?? [], history.incidents, pageUrl),
    maintenances: (summary.scheduled_maintenances ?? []).map((m) => normalizeMaintenance(m, pageUrl)),
    fetchedAt,
  };
}
