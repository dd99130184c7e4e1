/**
 * One tick of the bot. The lease comes first: a tick never polls without a store that can record what it saw.
 * The leader polls and kicks delivery; other replicas follow, adopting the leader's snapshot so commands and
 * App Home answer everywhere. A store outage (the lease or any write of the poll failing) is logged once when
 * it starts and once when it ends, never once per tick.
 */
import { describeError, isBotError } from '../../core/errors.js';
import type { LeaderLease } from '../lease.js';
import type { LeaderObserver, Log } from '../ports/observability.js';
import type { StoreEpoch } from '../store-epoch.js';
import type { PollCycle } from './poll-cycle.js';

export interface TickDeps {
  lease: LeaderLease;
  cycle: PollCycle;
  /** Asks the delivery worker for a pass (it also delivers what an earlier leader left queued). */
  kickDelivery: () => void;
  /** Republishes open App Home tabs after the status changed. */
  refreshHome: () => Promise<void>;
  /** After each successful poll or follow (console mode says once what the page shows). */
  onPolled?: () => void;
  /** On the leader after each poll: what is derived from stored state (changes a flap guard held, now due). */
  afterPoll?: () => Promise<void>;
  log: Log;
  /** Names the store in log lines, without credentials. */
  storeLabel: string;
  observer?: LeaderObserver;
  /** Whether the store still holds what the bot wrote: checked every tick. */
  epoch?: StoreEpoch;
  now: () => number;
}

export class PollTick {
  /** Why the store could not be used, while it cannot (undefined when it works). */
  storeProblem: string | undefined;
  /** When the last tick began (liveness: a wedged loop stops moving this). */
  lastStartedAt: number | undefined;

  constructor(private readonly deps: TickDeps) {}

  /** Runs one tick; never throws (a failed tick is logged and the next one tries again). */
  async run(): Promise<void> {
    const { lease, cycle } = this.deps;
    this.lastStartedAt = this.deps.now();
    try {
      const leader = await lease.acquireOrRenew(cycle.lastSuccessAt);
      await this.deps.epoch?.check();
      this.deps.observer?.leader?.(leader);
      if (!leader) {
        const changed = await cycle.follow(lease.leaderPolledAt);
        this.storeAnswers();
        this.deps.onPolled?.();
        if (changed) await this.deps.refreshHome();
        return;
      }
      const outcome = await cycle.run();
      this.storeAnswers();
      if (outcome.ok) this.deps.onPolled?.();
      await this.deps.afterPoll?.();
      if (outcome.events.length > 0) await this.deps.refreshHome();
      this.deps.kickDelivery();
    } catch (error) {
      if (isBotError(error, 'STORE_UNAVAILABLE')) return this.storeFails(error);
      this.deps.log.error(
        { code: isBotError(error) ? error.code : undefined, err: error },
        'poll cycle failed; will retry next tick',
      );
    }
  }

  private storeAnswers(): void {
    if (this.storeProblem !== undefined)
      this.deps.log.info({ store: this.deps.storeLabel }, 'store answers again; resuming');
    this.storeProblem = undefined;
    this.deps.observer?.store?.(true);
  }

  private storeFails(error: unknown): void {
    this.deps.lease.lose();
    this.deps.observer?.leader?.(false);
    if (this.storeProblem === undefined) {
      this.deps.log.error(
        { store: this.deps.storeLabel, err: error },
        'store unavailable: skipping polls until it answers; commands answer from memory',
      );
    }
    this.storeProblem = describeError(error);
    this.deps.observer?.store?.(false);
  }
}
