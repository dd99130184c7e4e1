/**
 * Pacing for one workspace, so a large fan-out runs as fast as Slack allows without a storm of 429s:
 * about one post per second per channel, a token bucket for the workspace's posts ("several hundred per
 * minute": it starts at that budget and adapts, halving its rate on a 429 and growing back by small steps with
 * every accepted post), a smaller one for chat.update (Tier 3, about 50 per minute), and a pause of the whole
 * workspace when Slack answers 429 with Retry-After. Other workspaces are paced separately.
 */
export interface PacingOptions {
  perChannelMs: number;
  /** The workspace's posting budget: where the adaptive rate starts and the most it grows back to. */
  postsPerSecond: number;
  postBurst: number;
  /** The least the adaptive rate falls to after 429s (default a fifth of the budget). */
  minPostsPerSecond?: number;
  updatesPerSecond: number;
  updateBurst: number;
}

export const DEFAULT_PACING: PacingOptions = {
  perChannelMs: 1_000,
  // ~300 a minute, Slack's "several hundred per minute" as the notes assume it; bursts are "generously" allowed.
  postsPerSecond: 5,
  postBurst: 20,
  updatesPerSecond: 0.8,
  updateBurst: 5,
};

class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private ratePerMs: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** Changes the refill rate from now on (what was refilled so far stays). */
  setRate(ratePerMs: number, now: number): void {
    this.refill(now);
    this.ratePerMs = ratePerMs;
  }

  /** A 429 says the tokens were not really there: start refilling from empty. */
  drain(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
  }

  /** 0 if a token is available now (and takes it), else how long until one is. */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.ratePerMs);
  }
}

/** Slack's workspace budgets are per minute: a longer Retry-After is about one channel, and holds only that one. */
const WORKSPACE_PAUSE_MAX_MS = 60_000;
/** A channel that must wait longer than this gives its place up (its delivery is retried later) instead of sleeping. */
const CHANNEL_SLEEP_MAX_MS = 5_000;

/** This channel may not post for a while: its delivery is retried later, and no worker waits for it. */
export class ChannelWaits extends Error {
  readonly code = 'channel_waits';

  constructor(readonly waitMs: number) {
    super(`this channel may post again in ${Math.ceil(waitMs / 1000)} s`);
  }
}

export class WorkspacePacer {
  private readonly posts: TokenBucket;
  private readonly updates: TokenBucket;
  private readonly channelNext = new Map<string, number>();
  /** Slack limits each method on its own: a 429 on edits never holds up posts, and the other way round. */
  private readonly pausedUntil = { post: 0, update: 0 };
  /** The adaptive posting rate, per second: the budget at first, halved by a 429, grown back by accepted posts. */
  private postRate: number;

  constructor(
    private readonly options: PacingOptions = DEFAULT_PACING,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.postRate = options.postsPerSecond;
    this.posts = new TokenBucket(options.postsPerSecond / 1000, options.postBurst, now());
    this.updates = new TokenBucket(options.updatesPerSecond / 1000, options.updateBurst, now());
  }

  /** The posting rate now, per second (for tests and metrics). */
  get postsPerSecond(): number {
    return this.postRate;
  }

  private setPostRate(rate: number): void {
    const min = this.options.minPostsPerSecond ?? this.options.postsPerSecond / 5;
    const next = Math.min(this.options.postsPerSecond, Math.max(min, rate));
    if (next === this.postRate) return;
    this.postRate = next;
    this.posts.setRate(next / 1000, this.now());
  }

  /** Waits until this workspace may make the call. */
  async acquire(kind: 'post' | 'update', channelId: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const channelWait = kind === 'post' ? (this.channelNext.get(channelId) ?? 0) - now : 0;
      if (channelWait > CHANNEL_SLEEP_MAX_MS) throw new ChannelWaits(channelWait);
      const wait = Math.max(this.pausedUntil[kind] - now, channelWait);
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      const bucketWait = (kind === 'post' ? this.posts : this.updates).take(now);
      if (bucketWait > 0) {
        await this.sleep(bucketWait);
        continue;
      }
      if (kind === 'post') {
        this.channelNext.set(channelId, now + this.options.perChannelMs);
        if (this.channelNext.size > 10_000) this.channelNext.clear();
      }
      return;
    }
  }

  /**
   * A post to this channel just finished. Slack counts from when a post arrives, which can be later than when we
   * started it, so the next post to the channel waits a full interval from now.
   */
  posted(channelId: string): void {
    this.channelNext.set(
      channelId,
      Math.max(this.channelNext.get(channelId) ?? 0, this.now() + this.options.perChannelMs),
    );
    // Accepted: creep back towards the budget, a twentieth of it per post (20 posts from half to whole).
    this.setPostRate(this.postRate + this.options.postsPerSecond / 40);
  }

  /**
   * Slack said 429 to this kind of call. A Retry-After within a minute (a workspace window) pauses that kind of call
   * for the whole workspace, and a 429 on a post also halves the posting rate: the budget was smaller than assumed,
   * or something else in the workspace spends it. A longer Retry-After on a post is that channel's own limit: only
   * that channel waits (and gives its place up rather than hold a worker), the others go on at the same rate.
   */
  pause(kind: 'post' | 'update', ms: number, channelId?: string): void {
    const now = this.now();
    if (channelId !== undefined && kind === 'post')
      this.channelNext.set(channelId, Math.max(this.channelNext.get(channelId) ?? 0, now + ms));
    // Longer than a workspace window: that channel's limit, not the workspace's; the others go on, at the same rate.
    if (ms > WORKSPACE_PAUSE_MAX_MS && channelId !== undefined) return;
    this.pausedUntil[kind] = Math.max(this.pausedUntil[kind], now + Math.min(ms, WORKSPACE_PAUSE_MAX_MS));
    if (kind !== 'post') return;
    this.posts.drain(now);
    this.setPostRate(this.postRate / 2);
  }
}
