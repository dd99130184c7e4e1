/**
 * The flap guard's held changes, per channel and component, in the store (a restart or another leader keeps
 * holding). A component-only change in a channel with `confirm` is held: its first `from`, its latest `to`, due when
 * the latest status has lasted the window. Another change of that component while held moves `to` on and restarts
 * the window; one back to the first `from` cancels the hold (a blip: nothing is posted, not even the recovery).
 * After each poll the leader confirms what is due against the page as it is now and queues, per channel, one
 * `components.confirmed` event whose id comes from what was held, so a re-run queues nothing twice.
 */

import { BotError } from '../../core/errors.js';
import type { BotEvent, ComponentChange } from '../../core/events/bot-event.js';
import { eventId } from '../../core/events/ids.js';
import type { Snapshot } from '../../core/events/page.js';
import { storeKey } from '../../core/store-keys.js';
import type { Store } from '../ports/store.js';

const INDEX = 'held';
const KEPT_MS = 7 * 24 * 3600_000;

export interface HeldChange extends ComponentChange {
  teamId: string;
  channelId: string;
  /** When the first change of this hold was seen; when the latest status will have lasted the window. */
  since: string;
  dueAt: string;
}

const keyOf = (teamId: string, channelId: string, componentId: string) =>
  storeKey('held', teamId, channelId, componentId);

export class HeldChanges {
  constructor(
    private readonly store: Store,
    private readonly enqueue: (events: BotEvent[]) => Promise<void>,
  ) {}

  /** Holds `changes` seen at `at` for a channel whose window is `confirmMs`. Idempotent: a retry changes nothing. */
  async hold(
    teamId: string,
    channelId: string,
    changes: ComponentChange[],
    at: string,
    confirmMs: number,
  ): Promise<void> {
    const dueAt = new Date(Date.parse(at) + confirmMs).toISOString();
    for (const change of changes) {
      const key = keyOf(teamId, channelId, change.componentId);
      const cancelled = await this.holdOne(key, { ...change, teamId, channelId, since: at, dueAt });
      await this.store.write([
        cancelled
          ? { op: 'indexRemove', index: INDEX, member: key }
          : { op: 'indexAdd', index: INDEX, member: key },
      ]);
    }
  }

  /** Moves one component's hold on, by compare-and-set; true when the change went back to where it started. */
  private async holdOne(key: string, change: HeldChange): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.store.get<HeldChange>(key);
      const from = current ? current.from : change.from;
      if (from === change.to) {
        // Back where it started: a blip, nothing to post, not even the recovery.
        if (!current || (await this.store.compareAndDelete(key, current))) return true;
        continue;
      }
      const next: HeldChange = { ...change, from, since: current?.since ?? change.since };
      if (await this.store.compareAndSet(key, current, next, KEPT_MS)) return false;
    }
    throw new BotError('STORE_UNAVAILABLE', `${key} kept changing while holding a change; will retry`);
  }

  /** Confirms what is due; returns how many held changes were settled (posted or dropped). */
  async release(nowMs: number, page: Snapshot | undefined): Promise<number> {
    if (!page) return 0;
    const keys = await this.store.members(INDEX);
    if (keys.length === 0) return 0;
    const records = await this.store.getMany<HeldChange>(keys);
    const status = new Map(page.components.map((c) => [c.id, c.status]));
    const byChannel = new Map<string, HeldChange[]>();
    const settled: string[] = [];
    for (const [i, key] of keys.entries()) {
      const held = records[i];
      if (held && Date.parse(held.dueAt) > nowMs) continue;
      settled.push(key);
      if (!held || status.get(held.componentId) !== held.to) continue; // gone, or changed again since
      const channel = `${held.teamId} ${held.channelId}`;
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), held]);
    }
    const events = [...byChannel.values()].map(confirmed);
    if (events.length > 0) await this.enqueue(events);
    for (const key of settled)
      await this.store.write([
        { op: 'delete', key },
        { op: 'indexRemove', index: INDEX, member: key },
      ]);
    return settled.length;
  }
}

function confirmed(held: HeldChange[]): BotEvent {
  const first = held[0] as HeldChange;
  const ids = held.map((h) => `${h.componentId}@${h.since}`).sort();
  // ISO times sort as strings.
  const latest =
    held
      .map((h) => h.dueAt)
      .sort()
      .at(-1) ?? first.dueAt;
  const earliest = held.map((h) => h.since).sort()[0] ?? first.since;
  return {
    kind: 'components.confirmed',
    id: eventId('confirmed', first.teamId, first.channelId, ...ids),
    at: latest,
    target: { teamId: first.teamId, channelId: first.channelId },
    changes: held.map(({ componentId, name, from, to }) => ({ componentId, name, from, to })),
    heldMs: Date.parse(latest) - Date.parse(earliest),
  };
}
