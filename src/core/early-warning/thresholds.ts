/**
 * The early-warning thresholds, derived from the probe interval in one place. A warning needs the failure to
 * last: at the default 30 s, four failed rounds in a row on one endpoint family (the warning goes out 90 s after
 * the first failure), three when the Frontend and Backend API fail together. It clears after as many healthy
 * rounds. Short intervals never go below three rounds (one blip is never a warning), long ones never above five.
 */
export interface ProbeThresholds {
  /** Consecutive failed rounds on one family before a warning. */
  raiseAfter: number;
  /** Consecutive failed rounds when both families fail together. */
  raiseAfterBoth: number;
  /** Consecutive healthy rounds before a warning clears. */
  clearAfter: number;
  /** Upper bound for one probe request. */
  timeoutMs: number;
  /** An answer slower than this is `slow` (a failure). */
  slowMs: number;
  /** `/v1/users/count` spends the customer's Backend API budget: at most this often. */
  usersCountEveryMs: number;
  /** An official incident this long after a warning cleared still confirms it. */
  confirmWindowMs: number;
  /** An incident the page opened up to this long before the warning's first failure still confirms it. */
  confirmGraceMs: number;
  /** Rounds further apart than this (the bot was down) do not add up: failure counts start again. */
  gapMs: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function probeThresholds(intervalSeconds: number): ProbeThresholds {
  const raiseAfter = clamp(Math.round(120 / intervalSeconds), 3, 5);
  const timeoutMs = clamp(intervalSeconds * 800, 800, 5_000);
  return {
    raiseAfter,
    raiseAfterBoth: raiseAfter - 1,
    clearAfter: raiseAfter,
    timeoutMs,
    slowMs: Math.min(2_000, Math.round(timeoutMs * 0.6)),
    usersCountEveryMs: 60_000,
    confirmWindowMs: 30 * 60_000,
    confirmGraceMs: 10 * 60_000,
    gapMs: Math.max(5 * intervalSeconds * 1000, 60_000),
  };
}

/** The soonest a warning can go out after the first failed round: the floor the benchmark measures against. */
export function warningFloorMs(intervalSeconds: number, bothFamilies = false): number {
  const t = probeThresholds(intervalSeconds);
  return ((bothFamilies ? t.raiseAfterBoth : t.raiseAfter) - 1) * intervalSeconds * 1000;
}
