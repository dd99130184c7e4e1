/**
 * Incident events between two snapshots: opened (carrying the first update), updated, resolved, and notes
 * published after a resolution. Ids are the incident id plus the update id, so they are the same on every
 * replica and after every restart.
 */

import type { BotEvent, ComponentRef, IncidentSummary } from '../events/bot-event.js';
import { eventId } from '../events/ids.js';
import { compareText } from '../events/order.js';
import type { Incident, IncidentUpdate, Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { affectedComponents, summarize } from './incidents.js';

export interface IncidentEvents {
  opened: BotEvent[];
  updated: BotEvent[];
  resolved: BotEvent[];
  /** Updates published after a resolution seen in the same poll: they follow it. */
  late: BotEvent[];
}

/** One incident's change between the two snapshots, and what every event about it shares. */
interface IncidentChange {
  incident: Incident;
  old: Incident | undefined;
  summary: IncidentSummary;
  affected: ComponentRef[];
  resolvesNow: boolean;
}

function openedEvent(change: IncidentChange, previous: Snapshot): BotEvent {
  const { incident } = change;
  const first = incident.updates[0];
  const opened: BotEvent = {
    kind: 'incident.opened',
    id: eventId('incident', incident.id, 'opened'),
    at: first?.at ?? incident.createdAt,
    incident: change.summary,
    affected: isClosed(incident) ? affectedComponents(incident, previous) : change.affected,
  };
  if (first) opened.update = first;
  return opened;
}

/**
 * The resolution is the first update of the final run of closed updates; any closed update after it (a
 * post-mortem note) follows the resolution as a late update.
 */
function resolvingUpdate(fresh: IncidentUpdate[]): IncidentUpdate | undefined {
  let resolving: IncidentUpdate | undefined;
  for (let i = fresh.length - 1; i >= 0 && isClosed(fresh[i] as IncidentUpdate); i--) resolving = fresh[i];
  return resolving;
}

function resolvedEvent(
  change: IncidentChange,
  resolving: IncidentUpdate | undefined,
  next: Snapshot,
): BotEvent {
  const { incident } = change;
  const resolvedAt = resolving?.at ?? incident.resolvedAt ?? next.fetchedAt;
  const event: BotEvent = {
    kind: 'incident.resolved',
    id: eventId('incident', incident.id, 'resolved', resolving?.id ?? 'vanished'),
    at: resolvedAt,
    incident: change.summary,
    durationMs: Math.max(0, Date.parse(resolvedAt) - Date.parse(incident.createdAt)),
    affected: change.affected,
  };
  if (resolving) event.update = resolving;
  return event;
}

/** Update events in publication order, each knowing the status before it; late ones split off. */
function updateEvents(
  change: IncidentChange,
  fresh: IncidentUpdate[],
  resolving: IncidentUpdate | undefined,
) {
  const { incident, old } = change;
  const updated: BotEvent[] = [];
  const late: BotEvent[] = [];
  let status = old?.status ?? incident.updates[0]?.status ?? incident.status;
  let closed = old !== undefined && isClosed(old);
  for (const update of fresh) {
    if (update === resolving) {
      closed = true;
      status = update.status;
      continue;
    }
    // After resolution, a closed-status update is a note (a post-mortem); an open one reopens the incident: its
    // parent must stop saying "Resolved", and the thread hears it as news.
    if (closed && !isClosed(update)) closed = false;
    const event: BotEvent = {
      kind: 'incident.updated',
      id: eventId('incident', incident.id, 'update', update.id),
      at: update.at,
      incident: change.summary,
      update,
      previousStatus: status,
      afterResolution: closed,
      affected: change.affected,
    };
    (closed && change.resolvesNow ? late : updated).push(event);
    status = update.status;
  }
  return { updated, late };
}

export function incidentEvents(previous: Snapshot, next: Snapshot): IncidentEvents {
  const before = new Map(previous.incidents.map((i) => [i.id, i]));
  const result: IncidentEvents = { opened: [], updated: [], resolved: [], late: [] };
  const oldestFirst = [...next.incidents].sort(
    (a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id),
  );
  for (const incident of oldestFirst) {
    const old = before.get(incident.id);
    const resolvesNow = isClosed(incident) && (!old || !isClosed(old));
    const change: IncidentChange = {
      incident,
      old,
      summary: summarize(incident),
      resolvesNow,
      affected: affectedComponents(incident, resolvesNow && old ? previous : next),
    };
    const seen = new Set(old?.updates.map((u) => u.id) ?? []);
    let fresh = incident.updates.filter((u) => !seen.has(u.id));
    if (!old) {
      result.opened.push(openedEvent(change, previous));
      fresh = fresh.slice(1);
    }
    const resolving = resolvesNow ? resolvingUpdate(fresh) : undefined;
    const { updated, late } = updateEvents(change, fresh, resolving);
    result.updated.push(...updated);
    result.late.push(...late);
    if (resolvesNow) result.resolved.push(resolvedEvent(change, resolving, next));
  }
  return result;
}
