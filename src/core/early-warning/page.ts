/** What the status page says, as the early warning needs it: whether it already speaks, and its incidents. */

import type { Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { severityOf, severityRank } from '../events/severity.js';
import type { OfficialIncident } from '../events/warning.js';

/** An open incident, or a component degraded or worse: the page is not silent, so no unconfirmed warning. */
export function pageSpeaks(snapshot: Snapshot | undefined): boolean {
  if (!snapshot) return false;
  return (
    snapshot.incidents.some((i) => !isClosed(i)) ||
    snapshot.components.some((c) => severityRank(severityOf(c.status)) >= severityRank('degraded'))
  );
}

/** Incidents that may confirm a warning that began at `since`: open ones, and any posted since then. */
export function officialIncidents(
  snapshot: Snapshot | undefined,
  since: string | undefined,
): OfficialIncident[] {
  if (!snapshot || since === undefined) return [];
  return snapshot.incidents
    .map((i) => ({ incident: i, postedAt: i.updates[0]?.at ?? i.createdAt }))
    .filter(({ incident, postedAt }) => !isClosed(incident) || postedAt >= since)
    .map(({ incident, postedAt }) => ({ id: incident.id, name: incident.name, url: incident.url, postedAt }));
}
