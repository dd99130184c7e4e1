/**
 * Validated documents → Snapshot. Incidents from summary.json and incidents.json are merged (the newer
 * record wins, updates are the union), updates are ordered oldest first with a deterministic tie-break, and
 * group rows become group names. Pure: the fetch time is an argument.
 */

import type { z } from 'zod';
import { compareText } from '../events/order.js';
import type {
  Component,
  ComponentTransition,
  Incident,
  IncidentUpdate,
  Maintenance,
  Snapshot,
} from '../events/page.js';
import { incidentUrl } from '../events/page.js';
import type { IncidentsDocument, maintenanceSchema, RawIncident, SummaryDocument } from './schemas.js';
import {
  normalizeComponentStatus,
  normalizeImpact,
  normalizeIncidentStatus,
  normalizeMaintenanceStatus,
} from './statuses.js';

/**
 * Vendor text is bounded where it enters, so a hostile page cannot make the bot store or queue megabytes: far
 * more than Slack can show (a header holds 150 characters, a section 3,000; incident.io bodies hold 4,096).
 */
export const MAX_NAME = 500;
export const MAX_BODY = 20_000;
const bounded = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The first of each id, in document order: a page that repeats an id gets the same answer on every poll. */
export function firstOfEachId<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
}

/** Ids a document repeats (components, incidents within one document, updates within one incident). */
export function duplicateIds(summary: SummaryDocument, history: IncidentsDocument): string[] {
  const repeated = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))].map((id) => `${kind} ${id}`);
  };
  const incidents = [...(summary.incidents ?? []), ...history.incidents];
  return [
    ...repeated(
      'component',
      summary.components.map((c) => c.id),
    ),
    ...repeated(
      'incident',
      (summary.incidents ?? []).map((i) => i.id),
    ),
    ...repeated(
      'incident',
      history.incidents.map((i) => i.id),
    ),
    ...incidents.flatMap((i) =>
      repeated(
        `update of incident ${i.id}:`,
        (i.incident_updates ?? []).map((u) => u.id),
      ),
    ),
  ].filter((problem, index, all) => all.indexOf(problem) === index);
}

/** `<page url without trailing slash>/incidents/<id>`; shortlink is absent or null on incident.io. */
function toIso(value: string): string {
  return new Date(value).toISOString();
}

function normalizeUpdate(raw: NonNullable<RawIncident['incident_updates']>[number]): IncidentUpdate {
  const update: IncidentUpdate = {
    id: raw.id,
    status: normalizeIncidentStatus(raw.status),
    body: bounded(raw.body ?? '', MAX_BODY),
    at: toIso(raw.display_at ?? raw.created_at),
  };
  if (raw.affected_components && raw.affected_components.length > 0) {
    update.affected = raw.affected_components.map(
      (affected): ComponentTransition => ({
        ...(affected.code ? { componentId: affected.code } : {}),
        name: bounded(affected.name, MAX_NAME),
        from: normalizeComponentStatus(affected.old_status ?? 'unknown'),
        to: normalizeComponentStatus(affected.new_status ?? 'unknown'),
      }),
    );
  }
  return update;
}

function normalizeIncident(raw: RawIncident, pageUrl: string): Incident {
  const updates = firstOfEachId(raw.incident_updates ?? []).map(normalizeUpdate);
  // Pages list updates newest first; ties keep id order so the result is deterministic.
  updates.sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
  const incident: Incident = {
    id: raw.id,
    name: bounded(raw.name.trim(), MAX_NAME),
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
      (x, y) => compareText(x.at, y.at) || compareText(x.id, y.id),
    );
    byId.set(raw.id, kept);
  }
  return [...byId.values()]
    .map((entry) => entry.incident)
    .sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id));
}

function normalizeComponents(raw: SummaryDocument['components']): Component[] {
  const groupNames = new Map(raw.filter((c) => c.group === true).map((c) => [c.id, c.name]));
  const components = firstOfEachId(raw)
    .filter((c) => c.group !== true)
    .map((c): Component => {
      const component: Component = {
        id: c.id,
        name: bounded(c.name.trim(), MAX_NAME),
        status: normalizeComponentStatus(c.status),
        position: c.position ?? Number.MAX_SAFE_INTEGER,
      };
      const groupName = c.group_id ? groupNames.get(c.group_id) : undefined;
      if (groupName) component.groupName = groupName;
      if (c.updated_at) component.updatedAt = toIso(c.updated_at);
      return component;
    });
  return components.sort((a, b) => a.position - b.position || compareText(a.name, b.name));
}

function normalizeMaintenance(raw: z.infer<typeof maintenanceSchema>, pageUrl: string): Maintenance {
  const latest = [...(raw.incident_updates ?? [])].sort((a, b) => compareText(b.created_at, a.created_at))[0];
  const maintenance: Maintenance = {
    id: raw.id,
    name: bounded(raw.name.trim(), MAX_NAME),
    status: normalizeMaintenanceStatus(raw.status),
    url: incidentUrl(pageUrl, raw.id),
    componentIds: (raw.components ?? []).map((c) => c.id),
  };
  if (raw.scheduled_for) maintenance.scheduledFor = toIso(raw.scheduled_for);
  if (raw.scheduled_until) maintenance.scheduledUntil = toIso(raw.scheduled_until);
  if (latest?.body) maintenance.latestBody = bounded(latest.body, MAX_BODY);
  return maintenance;
}

/** The status page the bot was configured with (CLERK_STATUS_URL), when the caller names none. */
export const DEFAULT_STATUS_URL = 'https://status.clerk.com';

/**
 * Every link the bot will show is built from `statusUrl` (CLERK_STATUS_URL), never from the page's own JSON: a
 * hijacked or broken page cannot point "status page" links anywhere else.
 */
export function normalize(
  summary: SummaryDocument,
  history: IncidentsDocument,
  fetchedAt: string,
  statusUrl = DEFAULT_STATUS_URL,
): Snapshot {
  const pageUrl = statusUrl;
  return {
    page: { name: summary.page.name, url: pageUrl.replace(/\/+$/, '') },
    components: normalizeComponents(summary.components),
    incidents: mergeIncidents(summary.incidents ?? [], history.incidents, pageUrl),
    maintenances: (summary.scheduled_maintenances ?? []).map((m) => normalizeMaintenance(m, pageUrl)),
    fetchedAt,
  };
}
