/**
 * diff(previous, next) → events. Pure: both snapshots carry their own fetch times, so nothing here reads
 * a clock. Event ids come from the data (component id + transition + timestamp, incident id + update id),
 * so two replicas, or one replica after a restart, derive the same id for the same change.
 */
import type {
  BotEvent,
  Component,
  ComponentRef,
  Incident,
  IncidentSummary,
  IncidentUpdate,
  Maintenance,
  Snapshot,
} from './model.js';

/** How long a resolved incident that fell out of the page's feed is still remembered. */
const CARRY_RESOLVED_MS = 7 * 24 * 3600 * 1000;

export function isClosed(incident: Pick<Incident, 'status'>): boolean {
  return incident.status === 'resolved' || incident.status === 'postmortem';
}

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
  return summary;
}

/** Components an incident affects: the ones it names (Atlassian), else every component not operational. */
export function affectedComponents(incident: Incident, snapshot: Snapshot): ComponentRef[] {
  const named = incident.componentIds ? new Set(incident.componentIds) : undefined;
  return snapshot.components
    .filter((c) => (named ? named.has(c.id) : c.status !== 'operational'))
    .map((c) => ({ id: c.id, name: c.name, status: c.status }));
}

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

function componentEvents(previous: Snapshot, next: Snapshot, incidentIds: string[]): BotEvent[] {
  const before = new Map(previous.components.map((c) => [c.id, c]));
  const after = new Set(next.components.map((c) => c.id));
  const events: BotEvent[] = [];
  for (const component of next.components) {
    const old = before.get(component.id);
    const at = component.updatedAt ?? next.fetchedAt;
    if (!old) {
      events.push({
        kind: 'component.added',
        id: `component:${component.id}:added`,
        at,
        componentId: component.id,
        name: component.name,
        status: component.status,
      });
    } else if (old.status !== component.status) {
      // A rename alone is not an event; the new name is simply used from now on.
      events.push({
        kind: 'component.changed',
        id: `component:${component.id}:${old.status}>${component.status}@${at}`,
        at,
        componentId: component.id,
        name: component.name,
        from: old.status,
        to: component.status,
        incidentIds,
      });
    }
  }
  for (const component of previous.components.filter((c: Component) => !after.has(c.id))) {
    events.push({
      kind: 'component.removed',
      id: `component:${component.id}:removed@${next.fetchedAt}`,
      at: next.fetchedAt,
      componentId: component.id,
      name: component.name,
      status: component.status,
    });
  }
  return events;
}

interface IncidentEvents {
  opened: BotEvent[];
  updated: BotEvent[];
  resolved: BotEvent[];
  /** Updates published after a resolution seen in the same poll: they follow it. */
  late: BotEvent[];
}

function incidentEvents(previous: Snapshot, next: Snapshot): IncidentEvents {
  const before = new Map(previous.incidents.map((i) => [i.id, i]));
  const result: IncidentEvents = { opened: [], updated: [], resolved: [], late: [] };
  const oldestFirst = [...next.incidents].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  for (const incident of oldestFirst) {
    const old = before.get(incident.id);
    const seen = new Set(old?.updates.map((u) => u.id) ?? []);
    let fresh = incident.updates.filter((u) => !seen.has(u.id));
    const summary = summarize(incident);
    const resolvesNow = isClosed(incident) && (!old || !isClosed(old));
    const affected = resolvesNow
      ? affectedComponents(incident, old ? previous : next)
      : affectedComponents(incident, next);

    if (!old) {
      const first = incident.updates[0];
      const opened: BotEvent = {
        kind: 'incident.opened',
        id: `incident:${incident.id}:opened`,
        at: first?.at ?? incident.createdAt,
        incident: summary,
        affected: isClosed(incident) ? affectedComponents(incident, previous) : affected,
      };
      if (first) opened.update = first;
      result.opened.push(opened);
      fresh = fresh.slice(1);
    }

    // The resolution is the first update of the final run of closed updates; any closed update after it
    // (a post-mortem note) follows the resolution as a late update.
    let resolving: IncidentUpdate | undefined;
    if (resolvesNow) {
      for (let i = fresh.length - 1; i >= 0 && isClosed(fresh[i] as IncidentUpdate); i--)
        resolving = fresh[i];
    }
    let status = old?.status ?? incident.updates[0]?.status ?? incident.status;
    let closed = old !== undefined && isClosed(old);
    for (const update of fresh) {
      if (update === resolving) {
        closed = true;
        status = update.status;
        continue;
      }
      const event: BotEvent = {
        kind: 'incident.updated',
        id: `incident:${incident.id}:update:${update.id}`,
        at: update.at,
        incident: summary,
        update,
        previousStatus: status,
        afterResolution: closed,
        affected,
      };
      (closed && resolvesNow ? result.late : result.updated).push(event);
      status = update.status;
    }

    if (resolvesNow) {
      const resolvedAt = resolving?.at ?? incident.resolvedAt ?? next.fetchedAt;
      const event: BotEvent = {
        kind: 'incident.resolved',
        id: `incident:${incident.id}:resolved:${resolving?.id ?? 'vanished'}`,
        at: resolvedAt,
        incident: summary,
        durationMs: Math.max(0, Date.parse(resolvedAt) - Date.parse(incident.createdAt)),
        affected,
      };
      if (resolving) event.update = resolving;
      result.resolved.push(event);
    }
  }
  return result;
}

function maintenanceEvents(previous: Snapshot, next: Snapshot): BotEvent[] {
  const before = new Map(previous.maintenances.map((m) => [m.id, m]));
  const present = new Set(next.maintenances.map((m) => m.id));
  const events: BotEvent[] = [];
  const push = (kind: 'scheduled' | 'started' | 'completed', maintenance: Maintenance, at: string) =>
    events.push({
      kind: `maintenance.${kind}`,
      id: `maintenance:${maintenance.id}:${kind}`,
      at,
      maintenance,
    });

  for (const maintenance of next.maintenances) {
    const old = before.get(maintenance.id);
    if (old?.status === maintenance.status) continue;
    if (maintenance.status === 'scheduled' && !old) push('scheduled', maintenance, next.fetchedAt);
    if (maintenance.status === 'in_progress' || (maintenance.status === 'verifying' && !old)) {
      push('started', maintenance, maintenance.scheduledFor ?? next.fetchedAt);
    }
    if (maintenance.status === 'completed') push('completed', maintenance, next.fetchedAt);
  }
  // Atlassian's summary lists only upcoming and active maintenance: one that leaves while active is over.
  for (const old of previous.maintenances.filter((m) => !present.has(m.id))) {
    if (old.status === 'in_progress' || old.status === 'verifying') {
      push('completed', { ...old, status: 'completed' }, next.fetchedAt);
    }
  }
  return events;
}

/**
 * Events that turn `previous` into `next`, in the order a reader wants them: new incidents first (so
 * component changes can join their threads), then incident updates, component changes, resolutions,
 * notes published after those resolutions, and maintenance.
 */
export function diff(previous: Snapshot, next: Snapshot): BotEvent[] {
  const incidents = incidentEvents(previous, next);
  const openNow = next.incidents.filter((i) => !isClosed(i)).map((i) => i.id);
  const resolvedNow = incidents.resolved.flatMap((e) =>
    e.kind === 'incident.resolved' ? [e.incident.id] : [],
  );
  return [
    ...incidents.opened,
    ...incidents.updated.sort((a, b) => a.at.localeCompare(b.at)),
    ...componentEvents(previous, next, [...openNow, ...resolvedNow]),
    ...incidents.resolved,
    ...incidents.late,
    ...maintenanceEvents(previous, next),
  ];
}

/**
 * Events recent enough to announce. Older ones are still recorded (the snapshot moves on) but not told:
 * a months-old update found after a long outage of the bot is history, not news. Source events always pass.
 */
export function freshEvents(events: BotEvent[], now: number, maxAgeMs: number): BotEvent[] {
  return events.filter((e) => e.kind.startsWith('source.') || now - Date.parse(e.at) <= maxAgeMs);
}

/**
 * A snapshot that would announce every component as removed is a broken page, not an outage.
 * Returns the problem, or undefined when the snapshot is believable.
 */
export function implausibility(previous: Snapshot | undefined, next: Snapshot): string | undefined {
  if (next.components.length === 0 && (previous?.components.length ?? 0) > 0) {
    return 'the status page listed no components (it had some before)';
  }
  return undefined;
}
