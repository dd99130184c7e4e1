/**
 * Events detected but not yet delivered everywhere, in the store under one key, oldest first, with the ids
 * recently completed so a re-derived event is not queued twice. The poller appends and the delivery worker
 * completes; both go through one queue in this process, so neither overwrites the other's change.
 */
import type { BotEvent } from '../core/model.js';
import type { Store } from './ports.js';

export const OUTBOX_KEY = 'watch:outbox';
const RECENT_IDS_KEPT = 2_000;

interface OutboxState {
  pending: BotEvent[];
  recent: string[];
}

export class Outbox {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<OutboxState> {
    return (await this.store.get<OutboxState>(OUTBOX_KEY)) ?? { pending: [], recent: [] };
  }

  /** Queues events not already queued or recently completed; returns those added. */
  append(events: BotEvent[]): Promise<BotEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    return this.exclusive(async () => {
      const state = await this.read();
      const known = new Set([...state.pending.map((e) => e.id), ...state.recent]);
      const added = events.filter((e) => !known.has(e.id));
      if (added.length > 0)
        await this.store.set(OUTBOX_KEY, { ...state, pending: [...state.pending, ...added] });
      return added;
    });
  }

  async pending(): Promise<BotEvent[]> {
    return (await this.read()).pending;
  }

  /** Removes delivered events from the queue. */
  complete(ids: string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.exclusive(async () => {
      const state = await this.read();
      const done = new Set(ids);
      await this.store.set(OUTBOX_KEY, {
        pending: state.pending.filter((e) => !done.has(e.id)),
        recent: [...state.recent, ...ids.filter((id) => !state.recent.includes(id))].slice(-RECENT_IDS_KEPT),
      });
    });
  }
}
