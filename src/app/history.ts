/**
 * The incident history the bot keeps, in the store (SQLite or Redis alike), bounded to 90 days: incident records,
 * component status changes in day buckets, and the periods the bot was watching. The leader records after each
 * poll, writing only what changed; what incidents.json lists from before the bot first watched is marked imported.
 */
import { incidentNow } from '../core/detect/incidents.js';
import {
  type ChangeRecord,
  HISTORY_KEPT_MS,
  type IncidentRecord,
  incidentRecordOf,
  type Watched,
} from '../core/events/history.js';
import type { ComponentStatus, Snapshot } from '../core/events/page.js';
import { isClosed } from '../core/events/page.js';
import { storeKey } from '../core/store-keys.js';
import { updateAtomically } from './compare-and-set.js';
import type { Store } from './ports/store.js';

const INCIDENTS = 'history:incidents';
const DAYS = 'history:days';
const WATCHED_KEY = 'history:watched';
const SINCE_KEY = 'history:since';
/** A gap longer than this between polls is time the bot did not watch. */
const WATCH_GAP_MS = 5 * 60_000;
/** The watched periods are extended at most this often (a write a minute, not a write a poll). */
const WATCH_WRITE_EVERY_MS = 60_000;
const DAY_MS = 24 * 3600_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface HistoryWindow {
  incidents: IncidentRecord[];
  changes: ChangeRecord[];
  watched: Watched[];
}

export class History {
  /**
   * The incident records this process recorded or read, by id: what a poll compares with (only a change is written)
   * and what the status answer reads from memory.
   */
  private readonly remembered = new Map<string, { record: IncidentRecord; text: string }>();

  private remember(record: IncidentRecord, text = JSON.stringify(record)): void {
    this.remembered.set(record.id, { record, text });
  }
  private statuses: Map<string, { name: string; status: ComponentStatus }> | undefined;
  private since: number | undefined;
  private watchedWrittenAt = 0;
  /** The latest poll this process recorded: the watched period's end is written once a minute, known at once here. */
  private lastRecordedAt: number | undefined;

  constructor(private readonly store: Store) {}

  /** After a poll, on the leader: what changed since the last call goes to the store. */
  async record(snapshot: Snapshot | undefined, nowMs: number): Promise<void> {
    if (!snapshot) return;
    this.since ??= await this.firstWatched(nowMs);
    this.lastRecordedAt = nowMs;
    await this.recordIncidents(snapshot, nowMs);
    await this.recordChanges(snapshot, nowMs);
    await this.recordWatching(nowMs);
  }

  private async firstWatched(nowMs: number): Promise<number> {
    await this.store.setIfAbsent(SINCE_KEY, nowMs);
    return (await this.store.get<number>(SINCE_KEY)) ?? nowMs;
  }

  private async recordIncidents(snapshot: Snapshot, nowMs: number): Promise<void> {
    for (const incident of snapshot.incidents) {
      const key = storeKey('history', 'incident', incident.id);
      const affected = incidentNow(snapshot, incident.id)?.affected ?? [];
      const stored = this.remembered.has(incident.id) ? undefined : await this.store.get<IncidentRecord>(key);
      if (stored) this.remember(stored);
      const known = this.remembered.get(incident.id);
      const imported =
        isClosed(incident) && Date.parse(incident.resolvedAt ?? incident.createdAt) < (this.since ?? nowMs);
      const record = incidentRecordOf(incident, affected, known?.record, imported);
      // One serialization per incident and poll: the comparison with what is known is a string compare.
      const text = JSON.stringify(record);
      if (text === known?.text) continue;
      this.remember(record, text);
      const ends = Date.parse(record.resolvedAt ?? '') || nowMs;
      if (ends + HISTORY_KEPT_MS <= nowMs) continue; // older than the history keeps
      await this.store.write([
        { op: 'set', key, value: record, ttlMs: Math.max(60_000, ends + HISTORY_KEPT_MS - nowMs) },
        { op: 'indexAdd', index: INCIDENTS, member: incident.id },
      ]);
    }
  }

  private async recordChanges(snapshot: Snapshot, nowMs: number): Promise<void> {
    const now = new Map(snapshot.components.map((c) => [c.id, { name: c.name, status: c.status }]));
    const before = this.statuses;
    this.statuses = now;
    if (!before) return; // the first page after a start is the baseline: nothing to compare it with
    const at = new Date(nowMs).toISOString();
    const changes: ChangeRecord[] = [];
    for (const [id, c] of now) {
      const was = before.get(id);
      if (was && was.status !== c.status)
        changes.push({ componentId: id, name: c.name, from: was.status, to: c.status, at });
    }
    if (changes.length === 0) return;
    const day = dayOf(nowMs);
    await updateAtomically<ChangeRecord[], void>(
      this.store,
      storeKey('history', 'changes', day),
      (stored) => ({
        next: [...(stored ?? []), ...changes],
        result: undefined,
        ttlMs: HISTORY_KEPT_MS + DAY_MS,
      }),
    );
    await this.store.write([{ op: 'indexAdd', index: DAYS, member: day }]);
  }

  private async recordWatching(nowMs: number): Promise<void> {
    if (nowMs - this.watchedWrittenAt < WATCH_WRITE_EVERY_MS && nowMs >= this.watchedWrittenAt) return;
    this.watchedWrittenAt = nowMs;
    await updateAtomically<Watched[], void>(this.store, WATCHED_KEY, (stored) => {
      const kept = (stored ?? []).filter((w) => w.to > nowMs - HISTORY_KEPT_MS);
      const last = kept.at(-1);
      const next =
        last && nowMs - last.to <= WATCH_GAP_MS && nowMs >= last.to
          ? [...kept.slice(0, -1), { from: last.from, to: nowMs }]
          : [...kept, { from: nowMs, to: nowMs }];
      return { next, result: undefined };
    });
  }

  /** The last watched period as this process knows it now (the store has it to within a minute). */
  private withLatest(watched: Watched[]): Watched[] {
    const last = watched.at(-1);
    const latest = this.lastRecordedAt;
    if (
      !last ||
      latest === undefined ||
      latest <= last.to ||
      latest - last.to > WATCH_WRITE_EVERY_MS + WATCH_GAP_MS
    )
      return watched;
    return [...watched.slice(0, -1), { from: last.from, to: latest }];
  }

  /** The incident records this process knows without asking the store (what it recorded or read). */
  known(nowMs: number): IncidentRecord[] {
    return [...this.remembered.values()]
      .map((r) => r.record)
      .filter((r) => (Date.parse(r.resolvedAt ?? '') || nowMs) + HISTORY_KEPT_MS > nowMs);
  }

  /** What the store holds of the last `days` days. */
  async window(days: number, nowMs: number): Promise<HistoryWindow> {
    const from = nowMs - days * DAY_MS;
    const ids = await this.store.members(INCIDENTS);
    const records = (
      await this.store.getMany<IncidentRecord>(ids.map((id) => storeKey('history', 'incident', id)))
    )
      .filter((r): r is IncidentRecord => r !== undefined)
      .filter((r) => Date.parse(r.resolvedAt ?? r.openedAt) >= from || !r.resolvedAt);
    const dayKeys = (await this.store.members(DAYS)).filter((d) => Date.parse(d) >= from - DAY_MS);
    const buckets = await this.store.getMany<ChangeRecord[]>(
      dayKeys.map((d) => storeKey('history', 'changes', d)),
    );
    const watched = this.withLatest((await this.store.get<Watched[]>(WATCHED_KEY)) ?? []);
    for (const record of records) this.remember(record);
    return {
      incidents: records.sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt)),
      changes: buckets.flatMap((b) => b ?? []),
      watched,
    };
  }
}
