/**
 * The vocabulary of the team's own checks and jobs (CHECKS_FILE): one run's result, what an alert says about a
 * failing check, and the verdict "is it Clerk or is it us?". Data only; the rules live in core/checks/.
 */

/** One run of a check or a job, as kept in the store: never a header, at most 200 characters of body. */
export interface RunResult {
  /** The scheduled slot this run belongs to (ISO). */
  at: string;
  ok: boolean;
  /** The HTTP status, when an answer came. */
  status?: number;
  latencyMs: number;
  /** Why it failed, in a few words ("timeout after 10 s", "status 503", "body lacks \"ok\":true"). */
  error?: string;
  /** The start of the body (≤ 200 characters), kept for failures only. */
  body?: string;
}

/** Why the bot thinks a failing check is Clerk's doing, or the team's own. */
export type Verdict =
  | {
      kind: 'likely_clerk';
      /** Clerk's open incidents by name (the first few). */
      incidents: string[];
      /** The early warning is out: Clerk's own endpoints fail for this instance. */
      warning: boolean;
    }
  | {
      kind: 'likely_yours';
      /** What was looked at and found healthy, in words. */
      checked: string[];
    };

/** A failing check as its alert tells it. */
export interface CheckFacts {
  name: string;
  /** When its first failed run of this episode was scheduled (ISO): the episode's identity. */
  since: string;
  /** Failed runs in a row so far. */
  failures: number;
  /** The latest failed run. */
  last: RunResult;
  verdict: Verdict;
}

/** A job that failed after its retries, as its message tells it. */
export interface JobFailure {
  name: string;
  /** The scheduled time it was fired for (ISO). */
  slot: string;
  attempts: number;
  last: RunResult;
}

/** The team's own checks and jobs as `/clerk-status checks`, App Home and /status show them. */
export interface ChecksReport {
  checks: {
    name: string;
    state: 'passing' | 'failing';
    lastRunAt: string | null;
    lastStatus: number | null;
    lastLatencyMs: number | null;
    lastError: string | null;
    /** The last 24 h. */
    runs: number;
    successRatio: number | null;
    p95LatencyMs: number | null;
    strip: string;
  }[];
  jobs: {
    name: string;
    lastRunAt: string | null;
    lastOk: boolean | null;
    lastStatus: number | null;
    lastAttempts: number | null;
    nextRunAt: string | null;
    /** A slot waiting for Clerk to recover. */
    heldSlot: string | null;
  }[];
}
