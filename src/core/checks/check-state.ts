/**
 * A check's state from one run to the next, and the events a run causes: an alert after `failures` failed runs in a
 * row, a line in its thread when the verdict changes while it fails, and a recovery. Pure: the run, the verdict and
 * the previous state are inputs. Event ids come from the check's name and the slot of its first failed run, so a
 * replica or a restart that replays the same runs derives the same ids.
 */
import type { BotEvent } from '../events/bot-event.js';
import type { RunResult, Verdict } from '../events/checks.js';
import { eventId } from '../events/ids.js';
import { sameVerdict } from './verdict.js';

export interface CheckState {
  /** Failed runs in a row. */
  failures: number;
  /** The slot of the first failed run of this streak. */
  since?: string;
  /** An alert is out for this streak, with the verdict it last told. */
  alerted?: { verdict: Verdict };
  last?: RunResult;
  /** The slot of the last run counted (a slot is counted once, whoever ran it). */
  lastSlot?: string;
}

export const NEW_CHECK: CheckState = { failures: 0 };

export type CheckEvent = Extract<BotEvent, { kind: 'check.failing' | 'check.verdict' | 'check.recovered' }>;

/** The state after `run`, and what to tell. A slot already counted changes nothing. */
export function afterRun(
  name: string,
  state: CheckState,
  run: RunResult,
  threshold: number,
  verdict: Verdict,
): { state: CheckState; events: CheckEvent[] } {
  if (state.lastSlot !== undefined && run.at <= state.lastSlot) return { state, events: [] };
  if (run.ok) return recovered(name, state, run);
  const failures = state.failures + 1;
  const since = state.since ?? run.at;
  const next: CheckState = { failures, since, last: run, lastSlot: run.at };
  const facts = { name, since, failures, last: run, verdict };
  if (!state.alerted) {
    if (failures < threshold) return { state: next, events: [] };
    const id = eventId('check', name, since);
    return {
      state: { ...next, alerted: { verdict } },
      events: [{ kind: 'check.failing', id, at: run.at, check: facts }],
    };
  }
  if (sameVerdict(state.alerted.verdict, verdict))
    return { state: { ...next, alerted: state.alerted }, events: [] };
  const id = eventId('check', name, since, 'verdict', run.at);
  return {
    state: { ...next, alerted: { verdict } },
    events: [{ kind: 'check.verdict', id, at: run.at, check: facts }],
  };
}

function recovered(
  name: string,
  state: CheckState,
  run: RunResult,
): { state: CheckState; events: CheckEvent[] } {
  const next: CheckState = { failures: 0, last: run, lastSlot: run.at };
  if (!state.alerted || !state.since || !state.last) return { state: next, events: [] };
  const durationMs = Math.max(0, Date.parse(run.at) - Date.parse(state.since));
  const id = eventId('check', name, state.since, 'recovered');
  const check = {
    name,
    since: state.since,
    failures: state.failures,
    last: state.last,
    verdict: state.alerted.verdict,
  };
  return { state: next, events: [{ kind: 'check.recovered', id, at: run.at, check, durationMs }] };
}

/** What /status and the command call a check's state. */
export function checkPhase(state: CheckState): 'passing' | 'failing' {
  return state.failures > 0 ? 'failing' : 'passing';
}
