/** One answer of the team's own service against what the check expects → the run as it is kept. Pure. */
import type { RunResult } from '../events/checks.js';

export interface Expectation {
  /** An exact status; default any 2xx. */
  status?: number;
  /** A substring the body must contain. */
  body?: string;
}

export interface Answer {
  status?: number;
  body?: string;
  latencyMs: number;
  error?: string;
}

const KEPT_BODY = 200;

export function evaluate(slot: string, answer: Answer, expect: Expectation): RunResult {
  const base = {
    at: slot,
    latencyMs: Math.round(answer.latencyMs),
    ...(answer.status !== undefined ? { status: answer.status } : {}),
  };
  const failed = (error: string): RunResult => ({
    ...base,
    ok: false,
    error,
    ...(answer.body ? { body: answer.body.slice(0, KEPT_BODY) } : {}),
  });
  if (answer.error !== undefined || answer.status === undefined) return failed(answer.error ?? 'no answer');
  const statusOk =
    expect.status !== undefined
      ? answer.status === expect.status
      : answer.status >= 200 && answer.status < 300;
  if (!statusOk)
    return failed(
      answer.status >= 300 && answer.status < 400
        ? `status ${answer.status} (redirects are not followed)`
        : `status ${answer.status}`,
    );
  if (expect.body !== undefined && !(answer.body ?? '').includes(expect.body))
    return failed(`the body lacks ${JSON.stringify(expect.body).slice(0, 80)}`);
  return { ...base, ok: true };
}

/** Whether a job's failed call is worth another try: no answer, 429 or 5xx. */
export function retryable(answer: Answer): boolean {
  return answer.status === undefined || answer.status === 429 || answer.status >= 500;
}
