/**
 * One replica polls and delivers at a time: a lease in the store, taken with a claim (set-if-absent), renewed
 * each tick by compare-and-set, released by compare-and-delete. The lease also carries when the leader last
 * polled successfully, so followers know it without a write per poll. When the leader dies its lease lapses
 * within `ttlMs` and the next replica to tick takes over. The lease saves work; correctness rests on the
 * delivery claims, so two replicas that both believe they lead still send every message once.
 */
import type { Store } from './ports/store.js';

export const LEADER_KEY = 'leader:poller';

interface LeaseValue {
  token: string;
  /** The holder's last successful poll (ms), if any. */
  polledAt?: number;
}

export class LeaderLease {
  private held: LeaseValue | undefined;
  /** The last successful poll of whoever leads, as the lease said at the last tick. */
  leaderPolledAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    /** Unique per process run (the composition root makes it). */
    readonly token: string,
  ) {}

  get isLeader(): boolean {
    return this.held !== undefined;
  }

  /** Renews the lease if held, else tries to take it. Throws when the store does not answer. */
  async acquireOrRenew(polledAt?: number): Promise<boolean> {
    const next: LeaseValue = { token: this.token, ...(polledAt !== undefined ? { polledAt } : {}) };
    if (this.held && (await this.store.compareAndSet(LEADER_KEY, this.held, next, this.ttlMs)))
      return this.lead(next);
    const claim = await this.store.claim<LeaseValue>(LEADER_KEY, next, this.ttlMs);
    if (claim.claimed) return this.lead(next);
    // Our own lease, from before a store outage made us forget it: renew it rather than wait for it to lapse.
    if (
      claim.current.token === this.token &&
      (await this.store.compareAndSet(LEADER_KEY, claim.current, next, this.ttlMs))
    )
      return this.lead(next);
    this.held = undefined;
    this.leaderPolledAt = claim.current.polledAt;
    return false;
  }

  private lead(value: LeaseValue): boolean {
    this.held = value;
    this.leaderPolledAt = value.polledAt;
    return true;
  }

  /** Gives the lease up at shutdown so another replica takes over at once. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (held) await this.store.compareAndDelete(LEADER_KEY, held);
  }

  /** Forget leadership without touching the store (it is unreachable). */
  lose(): void {
    this.held = undefined;
  }
}
