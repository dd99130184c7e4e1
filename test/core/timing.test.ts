import { describe, expect, it } from 'vitest';
import { timingPolicy } from '../../src/core/timing.js';

describe('timing policy', () => {
  it.each([1, 5, 30, 60, 3600])(
    'at %i s polls, a poll finishes inside its interval and the lease outlives a tick',
    (seconds) => {
      const t = timingPolicy(seconds);
      const intervalMs = seconds * 1000;
      expect(t.statusPageTimeoutMs).toBeLessThanOrEqual(Math.max(2_000, intervalMs));
      expect(t.leaderLeaseMs).toBeGreaterThan(intervalMs);
      expect(t.leaderLeaseMs).toBeGreaterThanOrEqual(5_000);
      expect(t.staleAfterMs).toBe(3 * intervalMs);
      expect(t.statusPageRetryWaitMs).toBeLessThan(t.statusPageTimeoutMs);
    },
  );

  it('keeps the default 30 s poll at 10 s document timeouts and a 45 s lease', () => {
    expect(timingPolicy(30)).toMatchObject({
      statusPageTimeoutMs: 10_000,
      statusPageRetryWaitMs: 5_000,
      leaderLeaseMs: 45_000,
      staleAfterMs: 90_000,
      unreachableAfterFailures: 3,
    });
  });

  it('gives fast polls short timeouts and a lease of at least 5 s', () => {
    expect(timingPolicy(1)).toMatchObject({
      statusPageTimeoutMs: 2_000,
      statusPageRetryWaitMs: 500,
      leaderLeaseMs: 5_000,
    });
  });

  it('keeps Slack calls to 3–10 s and lets a crashed claim be taken over a little after its call would have ended', () => {
    expect(timingPolicy(1)).toMatchObject({ slackCallTimeoutMs: 3_000, deliveryClaimMs: 5_000 });
    expect(timingPolicy(30)).toMatchObject({ slackCallTimeoutMs: 10_000, deliveryClaimMs: 12_000 });
  });

  it('lets a Slack call and its claim fit: a claim outlives the call that holds it', () => {
    for (const seconds of [1, 30, 3600]) {
      const t = timingPolicy(seconds);
      expect(t.deliveryClaimMs).toBeGreaterThan(t.slackCallTimeoutMs);
    }
  });
});
