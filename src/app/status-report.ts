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
