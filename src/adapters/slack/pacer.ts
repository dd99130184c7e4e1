/**
 * Pacing for one workspace, so a large fan-out runs as fast as Slack allows without a storm of 429s:
 * about one post per second per channel, a token bucket for the workspace's posts ("several hundred per
 * minute"), a smaller one for chat.update (Tier 3, about 50 per minute), and a pause of the whole
 * workspace when Slack answers 429 with Retry-After. Other workspaces are paced separately.
 */
export interface PacingOptions {
  perChannelMs: number;
  postsPerSecond: number;
  postBurst: number;
  updatesPerSecond: number;
  updateBurst: number;
}

export const DEFAULT_PACING: PacingOptions = {
  perChannelMs: 1_000,
  postsPerSecond: 4,
  postBurst: 10,
  updatesPerSecond: 0.8,
  updateBurst: 5,
};

class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerMs: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** 0 if a token is available now (and takes it), else how long until one is. */
  take(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.ratePerMs);
  }
}

export class WorkspacePacer {
  private readonly posts: TokenBucket;
  private readonly updates: TokenBucket;
  private readonly channelNext = new Map<string, number>();
  /** Slack limits each method on its own: a 429 on edits never holds up posts, and the other way round. */
  private readonly pausedUntil = { post: 0, update: 0 };

  constructor(
    private readonly options: PacingOptions = DEFAULT_PACING,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.posts = new TokenBucket(options.postsPerSecond / 1000, options.postBurst, now());
    this.updates = new TokenBucket(options.updatesPerSecond / 1000, options.updateBurst, now());
  }

  /** Waits until this workspace may make the call. */
  async acquire(kind: 'post' | 'update', channelId: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const channelWait = kind === 'post' ? (this.channelNext.get(channelId) ?? 0) - now : 0;
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
  }

  /** Slack said 429 to this kind of call: nobody in this workspace makes one again before Retry-After. */
  pause(kind: 'post' | 'update', ms: number): void {
    this.pausedUntil[kind] = Math.max(this.pausedUntil[kind], this.now() + ms);
  }
}
