/** Incidents that left the feed: resolved once, then remembered for a while so they are never "new" again. */
import type { Incident, Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';

/** How long a resolved incident that fell out of the page's feed is still remembered. */
const CARRY_RESOLVED_MS = 7 * 24 * 3600 * 1000;

/**
 * An open incident that vanished from both endpoints has resolved. Carry it into the next snapshot as
 * resolved, so the resolution is announced once and a later reappearance is not mistaken for a new
 * incident. Recently resolved incidents that dropped out of the feed are carried for the same reason.
 */
export function carryOver(previous: Snapshot, next: Snapshot): Snapshot {
  const present = new Set(next.incidents.map((i) => i.id));
  const now = Date.parse(next.fetchedAt);
  const carried = previous.incidents
    .filter((i) => !present.has(i.id))
    .filter(
      (i) =>
        !isClosed(i) || (i.resolvedAt !== undefined && now - Date.parse(i.resolvedAt) < CARRY_RESOLVED_MS),
    )
    .map((i): Incident => (isClosed(i) ? i : { ...i, status: 'resolved', resolvedAt: next.fetchedAt }));
  return carried.length === 0 ? next : { ...next, incidents: [...next.incidents, ...carried] };
}
