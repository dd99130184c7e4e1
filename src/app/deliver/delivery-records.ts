/**
 * One record per delivery (workspace, channel, step key): claimed atomically before sending, recorded with
 * Slack's ts after. Slack has no idempotency key, so a claim that was never recorded (the process died, or
 * the call failed ambiguously) means "it may have been posted": whoever takes it over must look the
 * message up by its metadata before sending again.
 *
 * A claim is a lease: another process (a replica, or a restart of this one) takes an unrecorded claim over
 * only once it has lapsed, since its owner may still be sending. A claim is one store round trip; recording
 * the ts and the thread state it changes is one more.
 */
import type { Clock } from '../ports/observability.js';
import type { Store, StoreWrite } from '../ports/store.js';

const DAY_MS = 24 * 3600 * 1000;
export const RECORD_TTL_MS = 30 * DAY_MS;

export type DeliveryRecord =
  /** `since`: when the delivery was first claimed; a lookup need not look further back. */
  | { state: 'sending'; owner: string; leaseUntil: number; since: number }
  | { state: 'sent'; ts: string }
  | { state: 'dropped'; reason: string };

export type Claim =
  /** Already delivered (maybe by another replica or an earlier run). */
  | { kind: 'sent'; ts: string }
  /** Given up for good (the message was refused). */
  | { kind: 'dropped' }
  /** Someone else holds a live claim: try later. */
  | { kind: 'busy' }
  /** Ours to send; `lookUpFirst` when an earlier attempt may have reached Slack. */
  | { kind: 'claimed'; lookUpFirst: boolean; record: DeliveryRecord; since: number };

export class DeliveryRecords {
  /** Claims this process is working on right now: never taken over, whatever the store says. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: Store,
    /** Unique per process run. */
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly leaseMs = 30_000,
  ) {}

  private key(deliveryId: string): string {
    return `delivery:${deliveryId}`;
  }

  private mine(since?: number): DeliveryRecord & { state: 'sending' } {
    const now = this.clock.now();
    return { state: 'sending', owner: this.owner, leaseUntil: now + this.leaseMs, since: since ?? now };
  }

  async claim(deliveryId: string): Promise<Claim> {
    if (this.inFlight.has(deliveryId)) return { kind: 'busy' };
    this.inFlight.add(deliveryId);
    try {
      const claim = await this.tryClaim(deliveryId);
      if (claim.kind !== 'claimed') this.inFlight.delete(deliveryId);
      return claim;
    } catch (error) {
      this.inFlight.delete(deliveryId);
      throw error;
    }
  }

  private async tryClaim(deliveryId: string): Promise<Claim> {
    const key = this.key(deliveryId);
    const record = this.mine();
    const claim = await this.store.claim<DeliveryRecord>(key, record, RECORD_TTL_MS);
    if (claim.claimed) return { kind: 'claimed', lookUpFirst: false, record, since: record.since };
    const current = claim.current;
    if (current.state === 'sent') return { kind: 'sent', ts: current.ts };
    if (current.state === 'dropped') return { kind: 'dropped' };
    // An unrecorded claim: ours from an earlier failed attempt, a dead process's, or a live replica's.
    if (current.owner !== this.owner && current.leaseUntil > this.clock.now()) return { kind: 'busy' };
    // Records from before `since` existed: look back as far as a claim can have lived.
    const taken = this.mine(current.since ?? current.leaseUntil - this.leaseMs);
    if (!(await this.store.compareAndSet(key, current, taken, RECORD_TTL_MS)))
      return this.claimAfterRace(deliveryId);
    return { kind: 'claimed', lookUpFirst: true, record: taken, since: taken.since };
  }

  /** Someone changed the record between our read and write: report what it is now, never claim twice. */
  private async claimAfterRace(deliveryId: string): Promise<Claim> {
    const now = await this.store.get<DeliveryRecord>(this.key(deliveryId));
    if (now?.state === 'sent') return { kind: 'sent', ts: now.ts };
    if (now?.state === 'dropped') return { kind: 'dropped' };
    return { kind: 'busy' };
  }

  /** Records Slack's ts, together with what the step changes (its thread), in one atomic write. */
  async recordSent(deliveryId: string, ts: string, alongside: StoreWrite[] = []): Promise<void> {
    try {
      const sent: DeliveryRecord = { state: 'sent', ts };
      await this.store.write([
        { op: 'set', key: this.key(deliveryId), value: sent, ttlMs: RECORD_TTL_MS },
        ...alongside,
      ]);
    } finally {
      this.inFlight.delete(deliveryId);
    }
  }

  async recordDropped(deliveryId: string, reason: string): Promise<void> {
    try {
      await this.store.set<DeliveryRecord>(this.key(deliveryId), { state: 'dropped', reason }, RECORD_TTL_MS);
    } finally {
      this.inFlight.delete(deliveryId);
    }
  }

  /** Gives a claim back when Slack said for certain that nothing was posted: the next try sends fresh. */
  async release(deliveryId: string, record: DeliveryRecord): Promise<void> {
    try {
      await this.store.compareAndDelete(this.key(deliveryId), record);
    } finally {
      this.inFlight.delete(deliveryId);
    }
  }

  /** Stops working on a claim without changing it (an ambiguous failure): the next try looks it up first. */
  abandon(deliveryId: string): void {
    this.inFlight.delete(deliveryId);
  }
}
