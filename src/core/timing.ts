/**
 * Every timing the bot runs by, derived from the poll interval in one place, so they stay consistent with
 * each other: a poll always finishes inside its interval, the leader lease outlives a tick delayed by a busy
 * machine, and "stale" means several missed polls, never one.
 */
export interface TimingPolicy {
  /** Upper bound for fetching one status-page document, retries included. */
  statusPageTimeoutMs: number;
  /** Longest single wait between status-page retries (Retry-After included). */
  statusPageRetryWaitMs: number;
  /** How long the leader lease lives without renewal. */
  leaderLeaseMs: number;
  /** A claimed delivery nobody recorded is left alone this long (its owner may still be sending). */
  deliveryClaimMs: number;
  /** Pause before retrying events that could not be delivered everywhere. */
  deliveryRetryMs: number;
  /** Upper bound for one Slack Web API call. */
  slackCallTimeoutMs: number;
  /** Older than this, answers warn that the status page may have changed since. */
  staleAfterMs: number;
  /** Consecutive failed polls before channels hear that the page is unreachable. */
  unreachableAfterFailures: number;
  /** How long in-flight deliveries may take to finish at shutdown. */
  shutdownDeliveryGraceMs: number;
}

export function timingPolicy(pollIntervalSeconds: number): TimingPolicy {
  const intervalMs = pollIntervalSeconds * 1000;
  // A Slack call gets three intervals (3 to 10 s); an unrecorded claim is left alone a little longer than that,
  // so nobody takes over a send still in flight, and a restart after a crash waits only that long.
  const slackCallTimeoutMs = Math.min(10_000, Math.max(3_000, 3 * intervalMs));
  return {
    statusPageTimeoutMs: Math.min(10_000, Math.max(2_000, intervalMs * 0.8)),
    statusPageRetryWaitMs: Math.min(5_000, intervalMs * 0.5),
    // 1.5 intervals and never under 5 s, so a tick delayed by a busy machine does not hand leadership around.
    leaderLeaseMs: Math.max(1.5 * intervalMs, 5_000),
    deliveryClaimMs: slackCallTimeoutMs + 2_000,
    deliveryRetryMs: 2_000,
    slackCallTimeoutMs,
    staleAfterMs: 3 * intervalMs,
    unreachableAfterFailures: 3,
    shutdownDeliveryGraceMs: 8_000,
  };
}
