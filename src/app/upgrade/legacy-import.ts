/**
 * The one-time upgrade from the JSON-file version: its state file is imported into the store in one atomic
 * write, converted to today's data model (one key per subscription with its indexes, slim thread states), then
 * set aside. A marker written in the same batch makes a crash between the import and the rename harmless: the
 * next start only renames. After the upgrade nothing is announced again and no subscription is lost.
 */
import { affectedKey } from '../../core/plan/steps.js';
import type { IncidentThread } from '../../core/plan/types.js';
import { MAX_THREAD_COMPONENTS, MAX_THREAD_NAME } from '../../core/plan/types.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import { threadKey } from '../deliver/thread-repository.js';
import type { Log } from '../ports/observability.js';
import type { LegacyEntries, LegacyState, Store, StoreWrite } from '../ports/store.js';
import { putWrites } from '../subscriptions.js';

const IMPORTED_MARKER = 'upgrade:legacy-state-imported';
/** Keys the new version derives or keeps elsewhere: not carried over. */
const DROPPED = new Set(['subscriptions:teams', 'watch:polled', 'leader:poller']);

/** A thread as the JSON-file version stored it: with a copy of the incident. */
interface LegacyThread
  extends Omit<IncidentThread, 'affectedIds' | 'name' | 'startedAt' | 'threadId' | 'story'> {
  incidentId: string;
  incident: { name: string; createdAt: string };
  affected: { id: string; name: string; status: string }[];
}

function slimThread(old: LegacyThread): IncidentThread {
  const affected = old.affected as unknown as Parameters<typeof affectedKey>[0];
  return {
    story: 'incident',
    threadId: old.incidentId,
    parentTs: old.parentTs,
    generation: old.generation,
    status: old.status,
    severity: old.severity,
    affectedKey: affectedKey(affected),
    affectedIds: affected.slice(0, MAX_THREAD_COMPONENTS).map((c) => c.id),
    name: old.incident.name.slice(0, MAX_THREAD_NAME),
    startedAt: old.incident.createdAt,
    resolved: old.resolved,
    mentioned: old.mentioned,
  };
}

/** The writes that recreate one legacy entry in today's model. */
function convert(key: string, value: unknown, ttlMs: number | undefined): StoreWrite[] {
  if (DROPPED.has(key)) return [];
  if (key.startsWith('subscriptions:team:'))
    return Object.values(value as Record<string, Subscription>).flatMap(putWrites);
  if (key.startsWith('thread:')) {
    const [, teamId = '', channelId = '', ...incident] = key.split(':');
    const thread = slimThread(value as LegacyThread);
    return [
      {
        op: 'set',
        key: threadKey(teamId, channelId, incident.join(':')),
        value: thread,
        ...(ttlMs ? { ttlMs } : {}),
      },
    ];
  }
  return [{ op: 'set', key, value, ...(ttlMs ? { ttlMs } : {}) }];
}

export function legacyWrites(entries: LegacyEntries, now: number): StoreWrite[] {
  return Object.entries(entries).flatMap(([key, entry]) => {
    if (entry.expires !== undefined && entry.expires <= now) return [];
    const { value } = JSON.parse(entry.value) as { value: unknown };
    return convert(key, value, entry.expires === undefined ? undefined : entry.expires - now);
  });
}

/** Imports the legacy state file if there is one; resolves with how many entries it carried over. */
export async function importLegacyState(
  store: Store,
  legacy: LegacyState,
  log: Log,
  now: number,
): Promise<number> {
  const entries = await legacy.read();
  if (!entries) return 0;
  if ((await store.get(IMPORTED_MARKER)) === undefined) {
    const writes = legacyWrites(entries, now);
    await store.write([
      ...writes,
      { op: 'set', key: IMPORTED_MARKER, value: { from: legacy.path, at: now } },
    ]);
  }
  await legacy.markMigrated();
  log.info(
    { from: legacy.path, entries: Object.keys(entries).length },
    'imported the state file of the previous version; it is now *.migrated',
  );
  return Object.keys(entries).length;
}
