/**
 * Each channel's thread state per story (incident or warning), in the store (older records read as today's): all of an event's threads loaded in one read, and
 * each change written together with the delivery record that caused it. Threads expire 90 days after their last
 * change, 30 days once resolved.
 */
import { type StoredThread, threadFromStore } from '../../core/plan/stored-thread.js';
import type { ThreadState } from '../../core/plan/types.js';
import { storeKey } from '../../core/store-keys.js';
import type { Store, StoreWrite } from '../ports/store.js';

const THREAD_TTL_MS = 90 * 24 * 3600 * 1000;
const RESOLVED_THREAD_TTL_MS = 30 * 24 * 3600 * 1000;

export const threadKey = (teamId: string, channelId: string, threadId: string) =>
  storeKey('thread', teamId, channelId, threadId);

export type Threads = Record<string, ThreadState | undefined>;

export class ThreadRepository {
  constructor(private readonly store: Store) {}

  async load(teamId: string, channelId: string, threadIds: string[]): Promise<Threads> {
    const values = await this.store.getMany<StoredThread>(
      threadIds.map((id) => threadKey(teamId, channelId, id)),
    );
    return Object.fromEntries(threadIds.map((id, i) => [id, threadFromStore(values[i])]));
  }

  /** The write that saves this thread; the caller batches it with the delivery record. */
  writeFor(teamId: string, channelId: string, thread: ThreadState): StoreWrite {
    const ttlMs = thread.resolved ? RESOLVED_THREAD_TTL_MS : THREAD_TTL_MS;
    return { op: 'set', key: threadKey(teamId, channelId, thread.threadId), value: thread, ttlMs };
  }

  async save(teamId: string, channelId: string, thread: ThreadState): Promise<void> {
    await this.store.write([this.writeFor(teamId, channelId, thread)]);
  }
}
