/**
 * Whether the store still holds what the bot wrote. At its first start the bot writes an identity record (no
 * expiry); if it later disappears, the store lost its data (Redis restarted without persistence, keys evicted or
 * deleted): every subscription, thread and delivery record went with it. That is said loudly, once, by whoever
 * notices (log at error, a metric, /status, App Home), and remembered in the store for a week so every replica and
 * restart says it too. Nothing already on Clerk's page is announced again (the next poll seeds silently), and a
 * parent whose records are gone is looked up before it is posted again.
 */
import type { Log } from './ports/observability.js';
import type { Store } from './ports/store.js';

export const EPOCH_KEY = 'store:epoch';
export const DATA_LOST_KEY = 'store:dataLost';
const LOSS_REMEMBERED_MS = 7 * 24 * 3600_000;

export interface EpochObserver {
  dataLost?(lost: boolean): void;
}

export class StoreEpoch {
  /** When this store was found to have lost its data (undefined: never, as far as anyone noticed). */
  lostSince: string | undefined;

  constructor(
    private readonly deps: { store: Store; now: () => number; log: Log; observer?: EpochObserver },
  ) {}

  /** At start: marks the store as the bot's (first start), and learns of a loss found earlier. */
  async begin(): Promise<void> {
    await this.deps.store.setIfAbsent(EPOCH_KEY, { since: new Date(this.deps.now()).toISOString() });
    await this.check();
  }

  /** Each tick: the identity record gone means the data is gone. One read of two small keys. */
  async check(): Promise<void> {
    const [epoch, lost] = await this.deps.store.getMany<{ since: string }>([EPOCH_KEY, DATA_LOST_KEY]);
    if (lost) this.noted(lost.since);
    if (epoch) return;
    const since = new Date(this.deps.now()).toISOString();
    this.deps.log.error(
      { since },
      'the store lost its data: its identity record is gone (Redis restarted without persistence, or keys were evicted or deleted). Channel subscriptions must be re-created with /clerk-status subscribe; nothing already on Clerk’s page is announced again',
    );
    await this.deps.store.write([
      { op: 'set', key: EPOCH_KEY, value: { since } },
      { op: 'set', key: DATA_LOST_KEY, value: { since }, ttlMs: LOSS_REMEMBERED_MS },
    ]);
    this.noted(since);
  }

  private noted(since: string): void {
    if (this.lostSince !== undefined) return;
    this.lostSince = since;
    this.deps.observer?.dataLost?.(true);
  }
}
