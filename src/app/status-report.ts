/**
 * Readiness: the store answers, and the last good poll is recent (under three intervals), or no poll has
 * been due long enough to judge.
 */
import { describeError } from '../core/errors.js';
import type { Readiness, Store } from './ports.js';

export interface ReadinessInput {
  store: Store;
  now: number;
  startedAt: number;
  intervalMs: number;
  lastSuccessAt: number | undefined;
}

export async function readiness(input: ReadinessInput): Promise<Readiness> {
  let store: Readiness['checks']['store'];
  try {
    await input.store.ping();
    store = { ok: true };
  } catch (error) {
    store = { ok: false, error: describeError(error) };
  }
  const limit = 3 * input.intervalMs;
  const reference = input.lastSuccessAt ?? input.startedAt;
  const stale = input.now - reference > limit;
  const poll: Readiness['checks']['poll'] = { ok: !stale };
  if (input.lastSuccessAt !== undefined) poll.lastSuccessAt = new Date(input.lastSuccessAt).toISOString();
  if (stale) {
    poll.reason =
      input.lastSuccessAt === undefined
        ? `no successful poll since start-up ${Math.round((input.now - input.startedAt) / 1000)} s ago`
        : `last successful poll ${Math.round((input.now - input.lastSuccessAt) / 1000)} s ago (limit ${limit / 1000} s)`;
  }
  return { ready: store.ok && poll.ok, checks: { store, poll } };
}

export interface StatusReportInput {
  store: Store;
  /** Why the last tick could not use the store (a failed write reads fine on a ping), if it could not. */
  storeProblem: string | undefined;
  now: number;
  staleAfterMs: number;
  lastSuccessAt: number | undefined;
  leader: boolean;
  /** Open Slack configuration errors (a missing scope), per workspace. */
  slackConfigErrors: { team: string; code: string; method: string; since: string }[];
}

/** What /status answers: what the bot knows, never a secret. */
export interface StatusReport {
  statusPage: { ok: boolean; lastSuccessAt: string | null };
  store: { ok: boolean; kind: Store['kind']; error?: string };
  leader: boolean;
  slack: { configErrors: StatusReportInput['slackConfigErrors'] };
}

export async function statusReport(input: StatusReportInput): Promise<StatusReport> {
  let error = input.storeProblem;
  if (!error) {
    try {
      await input.store.ping();
    } catch (failure) {
      error = describeError(failure);
    }
  }
  const { lastSuccessAt } = input;
  return {
    statusPage: {
      ok: lastSuccessAt !== undefined && input.now - lastSuccessAt <= input.staleAfterMs,
      lastSuccessAt: lastSuccessAt === undefined ? null : new Date(lastSuccessAt).toISOString(),
    },
    store: { ok: error === undefined, kind: input.store.kind, ...(error ? { error } : {}) },
    leader: input.leader,
    slack: { configErrors: input.slackConfigErrors },
  };
}
