/**
 * One tick of the bot. The lease comes first: a tick never polls without a store that can record what it saw.
 * The leader polls and kicks delivery; other replicas follow, adopting the leader's snapshot so commands and
 * App Home answer everywhere. A store outage is logged once when it starts and once when it ends.
 */
import { isBotError } from '../../core/errors.js';
import type { LeaderLease } from '../lease.js';
import type { LeaderObserver, Log } from '../ports.js';
import type { PollCycle } from './poll-cycle.js';

export interface TickDeps {
  lease: LeaderLease;
  cycle: PollCycle;
  /** Asks the delivery worker for a pass (it also delivers what an earlier leader left queued). */
  kickDelivery: () => void;
  /** Republishes open App Home tabs after the status changed. */
  refreshHome: () => Promise<void>;
  log: Log;
  /** Names the store in log lines, without credentials. */
  storeLabel: string;
  observer?: LeaderObserver;
}

export class PollTick {
  private storeDown = false;

  constructor(private readonly deps: TickDeps) {}

  /** Runs one tick; never throws (a failed tick is logged and the next one tries again). */
  async run(): Promise<void> {
    const leader = await this.takeLease();
    if (leader === undefined) return;
    this.deps.observer?.leader?.(leader);
    try {
      if (!leader) {
        if (await this.deps.cycle.follow()) await this.deps.refreshHome();
        return;
      }
      const outcome = await this.deps.cycle.run();
      if (outcome.events.length > 0) await this.deps.refreshHome();
      this.deps.kickDelivery();
    } catch (error) {
      this.deps.log.error(
        { code: isBotError(error) ? error.code : undefined, err: error },
        'poll cycle failed; will retry next tick',
      );
    }
  }

  /** Whether this replica leads now; undefined when the store does not answer (the outage is logged once). */
  private async takeLease(): Promise<boolean | undefined> {
    const { lease, log, storeLabel } = this.deps;
    try {
      const leader = await lease.acquireOrRenew();
      if (this.storeDown) log.info({ store: storeLabel }, 'store answers again; resuming');
      this.storeDown = false;
      return leader;
    } catch (error) {
      lease.lose();
      this.deps.observer?.leader?.(false);
      if (!this.storeDown) {
        log.error(
          { store: storeLabel, err: error },
          'store unavailable: skipping polls until it answers; commands answer from memory',
        );
      }
      this.storeDown = true;
      return undefined;
    }
  }
}
