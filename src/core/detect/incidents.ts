/** Small facts about an incident that detection, planning and rendering share. */

import type { ComponentRef, IncidentSummary } from '../events/bot-event.js';
import type { Incident, Snapshot } from '../events/page.js';

export function summarize(incident: Incident): IncidentSummary {
  const summary: IncidentSummary = {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    url: incident.url,
    createdAt: incident.createdAt,
  };
  if (incident.resolvedAt) summary.resolvedAt = incident.resolvedAt;
  const first = incident.updates[0];
  if (first) summary.opening = { status: first.status, body: first.body, at: first.at };
  return summary;
}

/** Components an incident affects: the ones it names (Atlassian), else every component not operational. */
export function affectedComponents(incident: Incident, snapshot: Snapshot): ComponentRef[] {
  const named = incident.componentIds ? new Set(incident.componentIds) : undefined;
  return snapshot.components
    .filter((c) => (named ? named.has(c.id) : c.status !== 'operational'))
    .map((c) => ({ id: c.id, name: c.name, status: c.status }));
}

/** An incident as a snapshot shows it: its summary and the components it affects; undefined once it left the page. */
export function incidentNow(
  snapshot: Snapshot | undefined,
  incidentId: string,
): { incident: IncidentSummary; affected: ComponentRef[] } | undefined {
  const incident = snapshot?.incidents.find((i) => i.id === incidentId);
  return snapshot && incident
    ? { incident: summarize(incident), affected: affectedComponents(incident, snapshot) }
    : undefined;
}
