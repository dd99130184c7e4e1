/**
 * One record per delivery (workspace, channel, step key): claimed atomically before sending, recorded with
 * Slack's ts after. Slack has no idempotency key, so a claim that was never recorded (the process died, or
 * the call failed ambiguously) means "it may have been posted": whoever takes it over must look the
 * message up by its metadata before sending again.
 *
 * A claim is a lease with a fence: right before each Slack call (after every wait: the pacer, a Retry-After, a
 * paused process) its owner renews it by compare-and-set, so a process that was paused past its lease and taken over
 * finds the record changed and steps back instead of posting a second time. Another process (a replica, or a
 * restart of this one) takes an unrecorded claim over only once its lease and then the owner's send window (a call
 * renewed just before the lease ended may still reach Slack within the call timeout) have passed; taking over
 * raises the fence, so the previous owner's renewal can never succeed again. A claim is one store round trip;
 * recording the ts and the thread state it changes is one more; each renewal one more.
 */
import type { Clock } from '../ports/observability.js';
import type { Store, StoreWrite } from '../ports/store.js';

const DAY_MS = 24 * 3600 * 1000;
export const RECORD_TTL_MS = 30 * DAY_MS;
/** Clocks of the processes sharing a store may disagree by this much without it counting as a jump. */
const CLOCK_TOLERANCE_MS = 2_000;

export type DeliveryRecord =
  /**
   * `since`: when the delivery was first claimed; a lookup need not look further back. `fence`: raised by every
   * takeover (absent in records from before 0.2: 0).
   */
  | { state: 'sending'; owner: string; leaseUntil: number; since: number; fence?: number }
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

type Sending = DeliveryRecord & { state: 'sending' };

export class DeliveryRecords {
  /** Claims this process holds right now, as last written: never taken over, whatever the store says. */
  private readonly held = new Map<string, Sending>();

  constructor(
    private readonly store: Store,
    /** Unique per process run. */
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly leaseMs = 30_000,
    /** How long after a renewal a call may still reach Slack: the Slack call timeout. */
    private readonly sendWindowMs = 10_000,
  ) {}

  private key(deliveryId: string): string {
    return `delivery:${deliveryId}`;
  }

  private mine(since: number, fence: number): Sending {
    const now = this.clock.now();
    return { state: 'sending', owner: this.owner, leaseUntil: now + this.leaseMs, since, fence };
  }

  async claim(deliveryId: string): Promise<Claim> {
    if (this.held.has(deliveryId)) return { kind: 'busy' };
    const claim = await this.tryClaim(deliveryId);
    if (claim.kind === 'claimed') this.held.set(deliveryId, claim.record as Sending);
    return claim;
  }

  private async tryClaim(deliveryId: string): Promise<Claim> {
    const key = this.key(deliveryId);
    const record = this.mine(this.clock.now(), 1);
    const claim = await this.store.claim<DeliveryRecord>(key, record, RECORD_TTL_MS);
    if (claim.claimed) return { kind: 'claimed', lookUpFirst: false, record, since: record.since };
    const current = claim.current;
    if (current.state === 'sent') return { kind: 'sent', ts: current.ts };
    if (current.state === 'dropped') return { kind: 'dropped' };
    // An unrecorded claim: ours from an earlier failed attempt, a dead or paused process's, or a live replica's.
    if (current.owner !== this.owner && !this.sendWindowOver(current)) {
      if (this.fromTheFuture(current))
        await this.store.compareAndSet(key, current, this.clamped(current), RECORD_TTL_MS);
      return { kind: 'busy' };
    }
    const taken = this.mine(this.lookBackFrom(current), (current.fence ?? 0) + 1);
    if (!(await this.store.compareAndSet(key, current, taken, RECORD_TTL_MS)))
      return this.claimAfterRace(deliveryId);
    return { kind: 'claimed', lookUpFirst: true, record: taken, since: taken.since };
  }

  /**
   * A lease that ends further ahead than any renewal could have put it was written before the wall clock was set back
   * (an NTP step, a restored VM): left alone it would hold for as long as the clock went back, an hour for an hour.
   */
  private fromTheFuture(record: Sending): boolean {
    return record.leaseUntil > this.clock.now() + this.leaseMs + CLOCK_TOLERANCE_MS;
  }

  /**
   * The same claim with a lease from now (its owner, if alive, fails its next renewal and looks the message up before
   * trying again). Its start time came from the wrong clock, so a lookup looks back a whole day instead.
   */
  private clamped(record: Sending): Sending {
    const now = this.clock.now();
    return { ...record, leaseUntil: now + this.leaseMs, since: Math.min(record.since, now - DAY_MS) };
  }

  /** How far back a lookup for this claim's message must go. */
  private lookBackFrom(record: Sending): number {
    // Records from before `since` existed: look back as far as a claim can have lived.
    const since = record.since ?? record.leaseUntil - this.leaseMs;
    // A start in the future was read from a clock since set back: the message may be older than it says.
    return since > this.clock.now() + CLOCK_TOLERANCE_MS ? this.clock.now() - DAY_MS : since;
  }

  /** Another owner's claim may be taken over once nothing it sent can still be on its way to Slack. */
  private sendWindowOver(record: Sending): boolean {
    return this.clock.now() > record.leaseUntil + this.sendWindowMs;
  }

  /**
   * Right before a Slack call: renews the claim (compare-and-set against the record as this process last wrote
   * it), so the call starts with a whole lease ahead of it. False when the claim is no longer ours (taken over while
   * this process waited or was paused): the caller must not send.
   */
  async renew(deliveryId: string): Promise<boolean> {
    const held = this.held.get(deliveryId);
    if (!held) return false;
    const renewed = { ...held, leaseUntil: this.clock.now() + this.leaseMs };
    if (await this.store.compareAndSet(this.key(deliveryId), held, renewed, RECORD_TTL_MS)) {
      this.held.set(deliveryId, renewed);
      return true;
    }
    this.held.delete(deliveryId);
    return false;
  }

  /** Someone changed the record between our read and write: report what it is now, never claim twice. */
  private async claimAfterRace(deliveryId: string): Promise<Claim> {
    const now = await this.store.get<DeliveryRecord>(this.key(deliveryId));
    if (now?.state === 'sent') return { kind: 'sent', ts: now.ts };
    if (now?.state === 'dropped') return { kind: 'dropped' };
    return { kind: 'busy' };
  }

  /**
   * Records Slack's ts if the claim is still this process's, then what the step changes (its thread). False when the
   * claim was taken over while the call was out (this process was paused): another process may have posted too.
   * (A crash between the two writes is repaired by the next claim, which finds the record sent and saves the thread.)
   */
  async recordSent(deliveryId: string, ts: string, alongside: StoreWrite[] = []): Promise<boolean> {
    const held = this.held.get(deliveryId);
    this.held.delete(deliveryId);
    const sent: DeliveryRecord = { state: 'sent', ts };
    const key = this.key(deliveryId);
    if (held && !(await this.store.compareAndSet<DeliveryRecord>(key, held, sent, RECORD_TTL_MS)))
      return false;
    await this.store.write([
      ...(held ? [] : [{ op: 'set' as const, key, value: sent, ttlMs: RECORD_TTL_MS }]),
      ...alongside,
    ]);
    return true;
  }

  /** The claim's lease ran out while this process held it (a long wait, or a pause): it may have been taken over. */
  lapsed(deliveryId: string): boolean {
    const held = this.held.get(deliveryId);
    return held !== undefined && this.clock.now() > held.leaseUntil;
  }

  /** The record as the store has it now. */
  current(deliveryId: string): Promise<DeliveryRecord | undefined> {
    return this.store.get<DeliveryRecord>(this.key(deliveryId));
  }

  /** Records a delivery dropped for good, with what that changes (a refused parent's thread) in the same write. */
  async recordDropped(deliveryId: string, reason: string, alongside: StoreWrite[] = []): Promise<void> {
    try {
      const dropped: DeliveryRecord = { state: 'dropped', reason };
      await this.store.write([
        { op: 'set', key: this.key(deliveryId), value: dropped, ttlMs: RECORD_TTL_MS },
        ...alongside,
      ]);
    } finally {
      this.held.delete(deliveryId);
    }
  }

  /** Gives a claim back when Slack said for certain that nothing was posted: the next try sends fresh. */
  async release(deliveryId: string): Promise<void> {
    const held = this.held.get(deliveryId);
    this.held.delete(deliveryId);
    // Only the record as this process wrote it: one taken over since is the new owner's.
    if (held) await this.store.compareAndDelete(this.key(deliveryId), held);
  }

  /** Stops working on a claim without changing it (an ambiguous failure): the next try looks it up first. */
  abandon(deliveryId: string): void {
    this.held.delete(deliveryId);
  }
}
