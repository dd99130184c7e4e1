/**
 * Events detected but not yet delivered everywhere, in the store under one key, oldest first, with the ids
 * recently completed so a re-derived event is not queued twice. The poller appends; each destination completes
 * the events it is done with, in its own record, and an event leaves the queue once every destination the bot
 * delivers to is done with it. Every change is a compare-and-set, retried on conflict, so no writer overwrites
 * another's change, in this process or across replicas that both believe they lead.
 */
import type { BotEvent } from '../core/events/bot-event.js';
import { updateAtomically } from './compare-and-set.js';
import type { Store } from './ports/store.js';

export const OUTBOX_KEY = 'watch:outbox';
const RECENT_IDS_KEPT = 2_000;

interface OutboxState {
  pending: BotEvent[];
  recent: string[];
  /** Per pending event, the destinations already done with it (absent: none yet). */
  doneBy?: Record<string, string[]>;
}

const EMPTY: OutboxState = { pending: [], recent: [] };

/** The name that stands for "every destination": completing for it finishes the event outright. */
const EVERY = '*';

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

  /** Every event some destination still needs, oldest first. */
  async pending(): Promise<BotEvent[]> {
    return ((await this.store.get<OutboxState>(OUTBOX_KEY)) ?? EMPTY).pending;
  }

  /** The events `destination` still needs, oldest first. */
  async pendingFor(destination: string): Promise<BotEvent[]> {
    const state = (await this.store.get<OutboxState>(OUTBOX_KEY)) ?? EMPTY;
    return state.pending.filter((e) => !state.doneBy?.[e.id]?.includes(destination));
  }

  /** Marks events done for every destination at once. */
  complete(ids: string[]): Promise<void> {
    return this.completeFor(EVERY, ids, [EVERY]);
  }

  /**
   * Marks events done for one destination; those that every destination in `everyone` is done with leave the
   * queue. A destination no longer configured is simply not in `everyone`, so nothing waits for it.
   */
  completeFor(destination: string, ids: string[], everyone: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return updateAtomically<OutboxState, void>(this.store, OUTBOX_KEY, (state = EMPTY) => ({
      next: afterCompleting(state, new Set(ids), destination, everyone),
      result: undefined,
    }));
  }
}

function afterCompleting(
  state: OutboxState,
  ids: Set<string>,
  destination: string,
  everyone: readonly string[],
): OutboxState {
  const doneBy: Record<string, string[]> = {};
  const finished: string[] = [];
  for (const event of state.pending) {
    const before = state.doneBy?.[event.id] ?? [];
    const after = ids.has(event.id) && !before.includes(destination) ? [...before, destination] : before;
    if (everyone.every((d) => after.includes(d))) finished.push(event.id);
    else if (after.length > 0) doneBy[event.id] = after;
  }
  const gone = new Set(finished);
  // Newest ids are kept: an event re-derived after its completion must be recognised, and old ids age out.
  const recent = [...state.recent, ...finished.filter((id) => !state.recent.includes(id))];
  return {
    pending: state.pending.filter((e) => !gone.has(e.id)),
    recent: recent.slice(-RECENT_IDS_KEPT),
    ...(Object.keys(doneBy).length > 0 ? { doneBy } : {}),
  };
}
