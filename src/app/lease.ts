/**
 * One replica polls and delivers at a time: a lease in the store (SET NX PX with a random token), renewed
 * each tick with compare-and-expire, released with compare-and-delete. When the leader dies its lease lapses
 * within `ttlMs` and the next replica to tick takes over. The lease saves work; correctness rests on the
 * delivery claims, so two replicas that both believe they lead still send every message once.
 */
import type { Store } from './ports.js';

export const LEADER_KEY = 'leader:poller';

export class LeaderLease {
  private held = false;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    /** Unique per process run (the composition root makes it). */
    readonly token: string,
  ) {}

  get isLeader(): boolean {
    return this.held;
  }

  /** Renews the lease if held, else tries to take it. Throws when the store does not answer. */
  async acquireOrRenew(): Promise<boolean> {
    // The file store serves exactly one process: it always leads, and a lease left by an earlier run of that
    // same process must not keep it waiting after a restart.
    if (this.store.kind === 'file') {
      await this.store.ping();
      this.held = true;
      return true;
    }
    // Renew by token, even when this process thinks it lost the lease: after a store outage its own lease may
    // still be there, and waiting for it to lapse would leave nobody polling meanwhile.
    this.held =
      (await this.store.compareAndExpire(LEADER_KEY, this.token, this.ttlMs)) ||
      (await this.store.setIfAbsent(LEADER_KEY, this.token, this.ttlMs));
    return this.held;
  }

  /** Gives the lease up at shutdown so another replica takes over at once. */
  async release(): Promise<void> {
    if (!this.held || this.store.kind === 'file') {
      this.held = false;
      return;
    }
    this.held = false;
    await this.store.compareAndDelete(LEADER_KEY, this.token);
  }

  /** Forget leadership without touching the store (it is unreachable). */
  lose(): void {
    this.held = false;
  }
}
