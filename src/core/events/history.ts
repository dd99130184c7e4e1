/**
 * What the bot keeps of what it has seen, and what it says about it: each incident (name, impact, components, opened,
 * resolved, Clerk's first and last words), each component status change, and the periods it was watching. Pure:
 * durations, each component's share of time operational over a window (counting only time the bot watched, and
 * saying so), and how long incidents affecting the same components usually took.
 */
import type { ComponentStatus, Impact, Incident } from './page.js';
import { isClosed } from './page.js';

export const HISTORY_KEPT_MS = 90 * 24 * 3600_000;
const WORDS = 500;

export interface IncidentRecord {
  id: string;
  name: string;
  impact: Impact;
  url: string;
  components: { id: string; name: string }[];
  openedAt: string;
  resolvedAt?: string;
  firstWords?: string;
  lastWords?: string;
  /** Listed by the page before the bot watched (installed later): known from incidents.json, not seen live. */
  imported?: boolean;
}

export interface ChangeRecord {
  componentId: string;
  name: string;
  from: ComponentStatus;
  to: ComponentStatus;
  at: string;
}

/** A period the bot was watching the page (ms). */
export interface Watched {
  from: number;
  to: number;
}

export function incidentRecordOf(
  incident: Incident,
  affected: { id: string; name: string }[],
  before: IncidentRecord | undefined,
  imported: boolean,
): IncidentRecord {
  const first = incident.updates[0];
  const last = incident.updates.at(-1);
  const known = new Map((before?.components ?? []).map((c) => [c.id, c.name]));
  for (const c of affected) known.set(c.id, c.name);
  return {
    id: incident.id,
    name: incident.name,
    impact: incident.impact,
    url: incident.url,
    components: [...known].map(([id, name]) => ({ id, name })),
    openedAt: incident.createdAt,
    ...(isClosed(incident) ? { resolvedAt: incident.resolvedAt ?? last?.at ?? incident.createdAt } : {}),
    ...(first ? { firstWords: first.body.slice(0, WORDS) } : {}),
    ...(last ? { lastWords: last.body.slice(0, WORDS) } : {}),
    ...(before?.imported || imported ? { imported: true } : {}),
  };
}

export function durationOf(record: IncidentRecord): number | undefined {
  return record.resolvedAt ? Date.parse(record.resolvedAt) - Date.parse(record.openedAt) : undefined;
}

/** The watched time inside [from, to]. */
export function watchedWithin(watched: Watched[], from: number, to: number): number {
  return watched.reduce((sum, w) => sum + Math.max(0, Math.min(w.to, to) - Math.max(w.from, from)), 0);
}

export interface ComponentShare {
  id: string;
  name: string;
  /** Operational time / watched time in the window; null when the bot watched none of it. */
  operational: number | null;
}

/**
 * Each component's share of watched time operational in [from, to]. A component's status at any moment is the `to`
 * of its last change before it (or the `from` of its first change after, or its status now when it never changed).
 */
export function componentShares(
  components: { id: string; name: string; status: ComponentStatus }[],
  changes: ChangeRecord[],
  watched: Watched[],
  from: number,
  to: number,
): ComponentShare[] {
  const total = watchedWithin(watched, from, to);
  return components.map((component) => {
    if (total === 0) return { id: component.id, name: component.name, operational: null };
    const mine = changes
      .filter((c) => c.componentId === component.id)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    // Status intervals: [start, next change) with the status in force.
    let status: ComponentStatus = mine.find((c) => Date.parse(c.at) > from)?.from ?? component.status;
    for (const c of mine) if (Date.parse(c.at) <= from) status = c.to;
    let cursor = from;
    let up = 0;
    const upWatched = (a: number, b: number) => watchedWithin(watched, a, b);
    for (const c of mine.filter((x) => Date.parse(x.at) > from && Date.parse(x.at) < to)) {
      if (status === 'operational') up += upWatched(cursor, Date.parse(c.at));
      cursor = Date.parse(c.at);
      status = c.to;
    }
    if (status === 'operational') up += upWatched(cursor, to);
    return { id: component.id, name: component.name, operational: up / total };
  });
}

export interface Typical {
  count: number;
  medianMs: number;
  longestMs: number;
  /** The component they had in common with this incident (the first shared one). */
  componentName: string;
}

/**
 * How long the last incidents affecting one of these components took (resolved ones, newest first, up to 10), when
 * there are at least three: the original page's advice ("look at past incidents") done for the reader.
 */
export function typicalDuration(
  records: IncidentRecord[],
  componentIds: string[],
  excludeId: string,
): Typical | undefined {
  for (const id of componentIds) {
    const alike = records
      .filter((r) => r.id !== excludeId && r.resolvedAt && r.components.some((c) => c.id === id))
      .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt))
      .slice(0, 10);
    if (alike.length < 3) continue;
    const durations = alike.map((r) => durationOf(r) ?? 0).sort((a, b) => a - b);
    const mid = Math.floor(durations.length / 2);
    const median =
      durations.length % 2 === 1
        ? (durations[mid] ?? 0)
        : ((durations[mid - 1] ?? 0) + (durations[mid] ?? 0)) / 2;
    const name = alike[0]?.components.find((c) => c.id === id)?.name ?? id;
    return { count: alike.length, medianMs: median, longestMs: durations.at(-1) ?? 0, componentName: name };
  }
  return undefined;
}
