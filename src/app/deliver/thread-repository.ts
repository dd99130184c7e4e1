/**
 * Each channel's thread state per incident, in the store: all of an event's threads loaded in one read, and
 * each change written together with the delivery record that caused it. Threads expire 90 days after their last
 * change, 30 days once resolved.
 */
import type { ThreadState } from '../../core/plan/types.js';
import { storeKey } from '../../core/store-keys.js';
import type { Store, StoreWrite } from '../ports.js';

const THREAD_TTL_MS = 90 * 24 * 3600 * 1000;
const RESOLVED_THREAD_TTL_MS = 30 * 24 * 3600 * 1000;

export const threadKey = (teamId: string, channelId: string, incidentId: string) =>
  storeKey('thread', teamId, channelId, incidentId);

export type Threads = Record<string, ThreadState | undefined>;

export class ThreadRepository {
  constructor(private readonly store: Store) {}

  async load(teamId: string, channelId: string, incidentIds: string[]): Promise<Threads> {
    const values = await this.store.getMany<ThreadState>(
      incidentIds.map((id) => threadKey(teamId, channelId, id)),
    );
    return Object.fromEntries(incidentIds.map((id, i) => [id, values[i]]));
  }

  /** The write that saves this thread; the caller batches it with the delivery record. */
  writeFor(teamId: string, channelId: string, thread: ThreadState): StoreWrite {
    const ttlMs = thread.resolved ? RESOLVED_THREAD_TTL_MS : THREAD_TTL_MS;
    return { op: 'set', key: threadKey(teamId, channelId, thread.incidentId), value: thread, ttlMs };
  }

  async save(teamId: string, channelId: string, thread: ThreadState): Promise<void> {
    await this.store.write([this.writeFor(teamId, channelId, thread)]);
  }
}
