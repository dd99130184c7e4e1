/**
 * Each channel's thread state per incident, in the store: loaded before planning an event, saved after each
 * step that changes it. Threads expire 90 days after their last change, 30 days once resolved.
 */
import type { ThreadState } from '../../core/plan/types.js';
import type { Store } from '../ports.js';

const THREAD_TTL_MS = 90 * 24 * 3600 * 1000;
const RESOLVED_THREAD_TTL_MS = 30 * 24 * 3600 * 1000;

const threadKey = (teamId: string, channelId: string, incidentId: string) =>
  `thread:${teamId}:${channelId}:${incidentId}`;

export type Threads = Record<string, ThreadState | undefined>;

export class ThreadRepository {
  constructor(private readonly store: Store) {}

  async load(teamId: string, channelId: string, incidentIds: string[]): Promise<Threads> {
    const threads: Threads = {};
    for (const id of incidentIds)
      threads[id] = await this.store.get<ThreadState>(threadKey(teamId, channelId, id));
    return threads;
  }

  async save(teamId: string, channelId: string, thread: ThreadState): Promise<void> {
    const ttl = thread.resolved ? RESOLVED_THREAD_TTL_MS : THREAD_TTL_MS;
    await this.store.set(threadKey(teamId, channelId, thread.incidentId), thread, ttl);
  }
}
