/**
 * What an answer from PagerDuty or the webhook receiver means, and how long to wait before trying again. Pure.
 * A 2xx delivered it; a network error, a timeout, a 429 or a 5xx is worth another try (the receiver may be
 * restarting); anything else (400: the event or the key is wrong; 410: the receiver asks us to stop) is refused,
 * reported and never retried, so a wrong key is a configuration problem, not a retry storm.
 */

export type OutgoingOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'refused'; reason: string; status: number };

export function classifyAnswer(answer: {
  status?: number;
  retryAfterMs?: number;
  body?: string;
  error?: string;
}): OutgoingOutcome {
  const { status } = answer;
  if (status === undefined) return { kind: 'retry', reason: answer.error ?? 'no answer' };
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const said = answer.body ? `: ${answer.body.slice(0, 300)}` : '';
  if (status === 429 || status >= 500)
    return {
      kind: 'retry',
      reason: `HTTP ${status}${said}`,
      ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}),
    };
  return { kind: 'refused', reason: `HTTP ${status}${said}`, status };
}

/**
 * The wait before attempt `attempt + 1` (attempt 1 just failed): the schedule's entry (its last one repeats), or
 * the receiver's Retry-After when it asks for longer, capped at the schedule's longest wait.
 */
export function retryWaitMs(attempt: number, schedule: readonly number[], retryAfterMs?: number): number {
  const planned = schedule[Math.min(attempt - 1, schedule.length - 1)] ?? 10_000;
  const longest = Math.max(...schedule);
  return retryAfterMs !== undefined ? Math.min(Math.max(planned, retryAfterMs), longest) : planned;
}

/** PagerDuty (CONTRACT.md): about 10 s, the wait doubling to at most 5 minutes. */
export const PAGERDUTY_RETRY_MS = [10_000, 20_000, 40_000, 80_000, 160_000, 300_000];
/** The Standard Webhooks spec's example schedule after the first attempt, up to a day. */
export const WEBHOOK_RETRY_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000,
];
/** Both give up a day after the first attempt: the event is dropped and counted. */
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
