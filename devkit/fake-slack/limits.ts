/**
 * Slack's posting limits, enforced when a test asks: about one message per second per channel and a budget
 * per workspace per minute. A post over a limit gets 429 with Retry-After, as Slack answers.
 */
export interface PostingLimitOptions {
  perChannelMs: number;
  perWorkspacePerMinute: number;
  /** chat.update per workspace per minute (Tier 3: about 50); unlimited when unset. */
  updatesPerMinute?: number;
}

export class PostingLimits {
  private readonly lastPost = new Map<string, number>();
  private readonly workspacePosts = new Map<string, number[]>();
  private readonly workspaceUpdates = new Map<string, number[]>();

  constructor(private readonly limits: PostingLimitOptions) {}

  /** Seconds to wait if this chat.update breaks the workspace's Tier 3 budget, else undefined (and it is counted). */
  checkUpdate(team: string): number | undefined {
    const budget = this.limits.updatesPerMinute;
    if (budget === undefined) return undefined;
    const now = Date.now();
    const window = (this.workspaceUpdates.get(team) ?? []).filter((t) => now - t < 60_000);
    if (window.length >= budget) return Math.ceil((60_000 - (now - (window[0] ?? now))) / 1000);
    window.push(now);
    this.workspaceUpdates.set(team, window);
    return undefined;
  }

  /** Seconds to wait if this post breaks a limit, else undefined (and the post is counted). */
  check(channelId: string, team: string): number | undefined {
    const now = Date.now();
    const last = this.lastPost.get(channelId) ?? 0;
    // Slack allows short bursts; a small tolerance keeps a well-paced client out of trouble.
    if (now - last < this.limits.perChannelMs * 0.9)
      return Math.ceil((this.limits.perChannelMs - (now - last)) / 1000);
    const window = (this.workspacePosts.get(team) ?? []).filter((t) => now - t < 60_000);
    if (window.length >= this.limits.perWorkspacePerMinute)
      return Math.ceil((60_000 - (now - (window[0] ?? now))) / 1000);
    window.push(now);
    this.workspacePosts.set(team, window);
    this.lastPost.set(channelId, now);
    return undefined;
  }
}
