/**
 * What waits and what was dropped, per delivery, in this process: transient failures back off (doubling from 2 s to
 * 5 minutes, so an error Slack keeps answering is not hammered), a delivery waiting longer than 5 minutes is "stuck"
 * and listed in /status with its team, channel, event and reason, and a message Slack refused for good is listed as
 * dropped. Nothing here decides delivery; it only spaces retries and tells.
 */
export interface Waiting {
  team: string;
  channel: string;
  event: string;
  reason: string;
  since: string;
  attempts: number;
}

export interface Dropped {
  team: string;
  channel: string;
  event: string;
  reason: string;
  at: string;
}

export const STUCK_AFTER_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const DROPPED_KEPT = 50;

interface Entry extends Omit<Waiting, 'since'> {
  sinceMs: number;
  nextTryMs: number;
}

/** One event's delivery so far, in this process: when its first message went out, where, how many 429s. */
export interface EventTally {
  firstMs: number;
  channels: Set<string>;
  rateLimited: number;
}

export class DeliveryWatch {
  private readonly waiting = new Map<string, Entry>();
  private readonly dropped: Dropped[] = [];
  private readonly tallies = new Map<string, EventTally>();

  constructor(private readonly now: () => number) {}

  /** Whether this delivery is backing off: it is not tried again before its next try. */
  backingOff(deliveryId: string): boolean {
    const entry = this.waiting.get(deliveryId);
    return entry !== undefined && this.now() < entry.nextTryMs;
  }

  /** A try failed for a reason that may pass: wait longer each time. */
  failed(deliveryId: string, where: { team: string; channel: string; event: string }, reason: string): void {
    const now = this.now();
    const before = this.waiting.get(deliveryId);
    const attempts = (before?.attempts ?? 0) + 1;
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempts - 1));
    this.waiting.set(deliveryId, {
      ...where,
      reason,
      attempts,
      sinceMs: before?.sinceMs ?? now,
      nextTryMs: now + backoff,
    });
  }

  /** Waiting without a failure of its own (another process holds it): counted as waiting, not backed off. */
  held(deliveryId: string, where: { team: string; channel: string; event: string }, reason: string): void {
    const before = this.waiting.get(deliveryId);
    const now = this.now();
    this.waiting.set(deliveryId, {
      ...where,
      reason,
      attempts: before?.attempts ?? 0,
      sinceMs: before?.sinceMs ?? now,
      nextTryMs: before?.nextTryMs ?? now,
    });
  }

  done(deliveryId: string): void {
    this.waiting.delete(deliveryId);
  }

  drop(deliveryId: string, dropped: Omit<Dropped, 'at'>): void {
    this.waiting.delete(deliveryId);
    this.dropped.push({ ...dropped, at: new Date(this.now()).toISOString() });
    if (this.dropped.length > DROPPED_KEPT) this.dropped.shift();
  }

  /** A message of this event reached this channel. */
  sentFor(eventId: string, channel: string): void {
    this.tally(eventId).channels.add(channel);
  }

  /** Slack answered 429 to a message of this event. */
  rateLimitedFor(eventId: string): void {
    this.tally(eventId).rateLimited += 1;
  }

  /** The event is delivered everywhere: its tally, once (undefined when it reached no channel here). */
  finished(eventId: string): EventTally | undefined {
    const tally = this.tallies.get(eventId);
    this.tallies.delete(eventId);
    return tally;
  }

  private tally(eventId: string): EventTally {
    const existing = this.tallies.get(eventId);
    if (existing) return existing;
    // Bounded: tallies of events that never finish here (another replica took over) do not pile up.
    if (this.tallies.size >= 1_000) this.tallies.delete(this.tallies.keys().next().value as string);
    const fresh = { firstMs: this.now(), channels: new Set<string>(), rateLimited: 0 };
    this.tallies.set(eventId, fresh);
    return fresh;
  }

  /** Deliveries waiting longer than 5 minutes, oldest first. */
  stuck(): Waiting[] {
    const now = this.now();
    return [...this.waiting.values()]
      .filter((e) => now - e.sinceMs > STUCK_AFTER_MS)
      .sort((a, b) => a.sinceMs - b.sinceMs)
      .map(({ sinceMs, nextTryMs: _next, ...rest }) => ({ ...rest, since: new Date(sinceMs).toISOString() }));
  }

  /** The latest messages Slack refused for good, newest last. */
  recentlyDropped(): Dropped[] {
    return [...this.dropped];
  }
}
