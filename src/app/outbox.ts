/**
 * Events detected but not yet delivered everywhere, in the store under one key, oldest first, with the ids
 * recently completed so a re-derived event is not queued twice. The poller appends and the delivery worker
 * completes. Every change is a compare-and-set, retried on conflict, so neither overwrites the other's change,
 * in this process or across replicas that both believe they lead.
 */
import type { BotEvent } from '../core/detect/events.js';
import { updateAtomically } from './compare-and-set.js';
import type { Store } from './ports.js';

export const OUTBOX_KEY = 'watch:outbox';
const RECENT_IDS_KEPT = 2_000;

interface OutboxState {
  pending: BotEvent[];
  recent: string[];
}

const EMPTY: OutboxState = { pending: [], recent: [] };

export class Outbox {
  constructor(private readonly store: Store) {}

  /** Queues events not already queued or recently completed; returns those added. */
  append(events: BotEvent[]): Promise<BotEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    return updateAtomically<OutboxState, BotEvent[]>(this.store, OUTBOX_KEY, (stored) => {
      const state = stored ?? EMPTY;
      const known = new Set([...state.pending.map((e) => e.id), ...state.recent]);
      const added = events.filter((e) => !known.has(e.id));
      if (added.length === 0) return { result: added };
      return { next: { ...state, pending: [...state.pending, ...added] }, result: added };
    });
  }

  async pending(): Promise<BotEvent[]> {
    return ((await this.store.get<OutboxState>(OUTBOX_KEY)) ?? EMPTY).pending;
  }

  /** Removes delivered events from the queue. */
  complete(ids: string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    const done = new Set(ids);
    return updateAtomically<OutboxState, void>(this.store, OUTBOX_KEY, (state = EMPTY) => ({
      next: {
        pending: state.pending.filter((e) => !done.has(e.id)),
        recent: [...state.recent, ...ids.filter((id) => !state.recent.includes(id))].slice(-RECENT_IDS_KEPT),
      },
      result: undefined,
    }));
  }
}
