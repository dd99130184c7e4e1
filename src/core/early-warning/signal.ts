/**
 * The early-warning signal: a state machine over probe rounds, pure. healthy → suspect (a family failed) →
 * warning (it kept failing; announced once, unconfirmed) → cleared (healthy again for a while; announced) or
 * confirmed (Clerk opened an incident; see confirm.ts). Hysteresis both ways, a control that tells "Clerk fails"
 * from "we reach nothing", and no warning while the status page already speaks. The state is stored after every
 * round, so a restart or a takeover continues it: nothing repeated, nothing forgotten.
 */

import type { BotEvent } from '../events/bot-event.js';
import { eventId, idPart } from '../events/ids.js';
import { PROBE_ENDPOINTS, type ProbeFamily, type ProbeResult } from '../events/probes.js';
import type { FamilyFailure, OfficialIncident, WarningFacts } from '../events/warning.js';
import { isFailure } from './probes.js';
import type { ProbeThresholds } from './thresholds.js';

export type { FamilyFailure, WarningFacts };

export interface WarningRecord extends WarningFacts {
  status: 'active' | 'confirmed' | 'cleared';
  /** When it cleared (probes healthy again), if it did. */
  endedAt?: string;
  /** The official incident that confirmed it, and the lead over Clerk's first word. */
  confirmedBy?: OfficialIncident;
  leadMs?: number;
}

/** In order: the phase gauge in /metrics is the index. */
export const SIGNAL_PHASES = ['healthy', 'suspect', 'warning', 'confirmed'] as const;
export type SignalPhase = (typeof SIGNAL_PHASES)[number];

export interface SignalState {
  phase: SignalPhase;
  failing: Partial<Record<ProbeFamily, FamilyFailure>>;
  /** Consecutive all-healthy rounds while a warning (or a confirmed one) is on. */
  healthyRounds: number;
  /** When the first of those healthy rounds was. */
  recoveredAt?: string;
  /** The latest warning, kept after it cleared for the confirmation window. */
  warning?: WarningRecord;
  /** Clerk's Maintenance Mode, while on. */
  maintenance?: { since: string };
  /** Everything failed, the control too: the bot's own network is the problem, since then. */
  network?: { since: string };
  lastRound?: { at: string; results: ProbeResult[] };
}

export const INITIAL_SIGNAL: SignalState = { phase: 'healthy', failing: {}, healthyRounds: 0 };

export interface ProbeRound {
  /** When the round began. */
  at: string;
  results: ProbeResult[];
  /** Whether something independent of Clerk (the status page, Slack) answered; checked only when probes failed. */
  controlOk?: boolean;
  /** The status page already shows trouble (an open incident, a component degraded or worse). */
  pageSpeaks: boolean;
}

export interface SignalStep {
  state: SignalState;
  events: BotEvent[];
}

const familyOf = (r: ProbeResult) => PROBE_ENDPOINTS[r.endpoint].family;
const ms = (iso: string) => Date.parse(iso);

/** Maintenance Mode is a flag Clerk sets on purpose: announced when it turns on and off, no hysteresis. */
function maintenanceStep(state: SignalState, round: ProbeRound): SignalStep {
  const flag = round.results.find((r) => r.endpoint === 'frontend.environment')?.maintenanceMode;
  if (flag === true && !state.maintenance) {
    const since = round.at;
    const event: BotEvent = {
      kind: 'clerk.maintenance',
      id: eventId('clerk-maintenance', since, 'started'),
      at: round.at,
      phase: 'started',
      since,
    };
    return { state: { ...state, maintenance: { since } }, events: [event] };
  }
  if (flag === false && state.maintenance) {
    const { since } = state.maintenance;
    const { maintenance: _, ...rest } = state;
    const event: BotEvent = {
      kind: 'clerk.maintenance',
      id: eventId('clerk-maintenance', since, 'ended'),
      at: round.at,
      phase: 'ended',
      since,
      durationMs: ms(round.at) - ms(since),
    };
    return { state: rest, events: [event] };
  }
  return { state, events: [] };
}

/** The families probed this round and the failure runs after it. */
function failingAfter(state: SignalState, round: ProbeRound): SignalState['failing'] {
  const probed = new Set(round.results.map(familyOf));
  const next: SignalState['failing'] = { ...state.failing };
  for (const family of probed) {
    const failed = round.results.filter((r) => familyOf(r) === family && isFailure(r.outcome));
    const before = state.failing[family];
    if (failed.length === 0) delete next[family];
    else
      next[family] = {
        family,
        since: before?.since ?? round.at,
        rounds: (before?.rounds ?? 0) + 1,
        results: failed,
      };
  }
  return next;
}

function shouldRaise(failing: FamilyFailure[], t: ProbeThresholds): boolean {
  if (failing.some((f) => f.rounds >= t.raiseAfter)) return true;
  return failing.length >= 2 && failing.every((f) => f.rounds >= t.raiseAfterBoth);
}

function raise(state: SignalState, failing: FamilyFailure[], round: ProbeRound): SignalStep {
  const since = failing.map((f) => f.since).sort()[0] as string;
  const warning: WarningRecord = {
    id: eventId('early-warning', since),
    since,
    raisedAt: round.at,
    failing,
    status: 'active',
  };
  const { id, raisedAt } = warning;
  const event: BotEvent = {
    kind: 'warning.raised',
    id: `${id}:raised`,
    at: raisedAt,
    warning: { id, since, raisedAt, failing },
  };
  const { recoveredAt: _, ...rest } = state;
  return { state: { ...rest, phase: 'warning', healthyRounds: 0, warning }, events: [event] };
}

/** While a warning (or a confirmed one) is on: count healthy rounds; clear after enough. */
function whileOn(
  state: SignalState,
  failing: FamilyFailure[],
  round: ProbeRound,
  t: ProbeThresholds,
): SignalStep {
  const warning = state.warning as WarningRecord;
  if (failing.length > 0) {
    const { recoveredAt: _, ...rest } = state;
    const next = { ...rest, healthyRounds: 0 };
    if (state.phase !== 'warning' || familiesKey(failing) === familiesKey(warning.failing))
      return { state: next, events: [] };
    // Another family started (or stopped) failing while the warning is on: the message is redrawn to say so.
    const redrawn: WarningRecord = { ...warning, failing, asOf: round.at };
    const event: BotEvent = {
      kind: 'warning.updated',
      id: `${warning.id}:updated:${idPart(round.at)}`,
      at: round.at,
      warning: facts(redrawn),
    };
    return { state: { ...next, warning: redrawn }, events: [event] };
  }
  const recoveredAt = state.recoveredAt ?? round.at;
  const healthyRounds = state.healthyRounds + 1;
  if (healthyRounds < t.clearAfter) return { state: { ...state, healthyRounds, recoveredAt }, events: [] };
  const { recoveredAt: _, ...rest } = state;
  const ended: SignalState = { ...rest, phase: 'healthy', healthyRounds: 0 };
  // A confirmed warning hands over to the official incident: its recovery is Clerk's to announce.
  if (state.phase === 'confirmed') return { state: ended, events: [] };
  const cleared: WarningRecord = { ...warning, status: 'cleared', endedAt: recoveredAt };
  const event: BotEvent = {
    kind: 'warning.cleared',
    id: `${warning.id}:cleared`,
    at: round.at,
    warning: facts(warning),
    durationMs: ms(recoveredAt) - ms(warning.since),
  };
  return { state: { ...ended, warning: cleared }, events: [event] };
}

function withoutRuns(state: SignalState): SignalState {
  const { recoveredAt: _, ...rest } = state;
  return { ...rest, failing: {}, healthyRounds: 0 };
}

export function facts(w: WarningRecord): WarningFacts {
  return {
    id: w.id,
    since: w.since,
    raisedAt: w.raisedAt,
    failing: w.failing,
    ...(w.asOf ? { asOf: w.asOf } : {}),
  };
}

const familiesKey = (failing: FamilyFailure[]) =>
  failing
    .map((f) => f.family)
    .sort()
    .join(',');

/** One probe round → the next state and what to announce. */
export function stepSignal(stored: SignalState, round: ProbeRound, t: ProbeThresholds): SignalStep {
  // After a gap (the bot was down), old failures and healthy rounds say nothing about now: counts start again.
  const gap = stored.lastRound !== undefined && ms(round.at) - ms(stored.lastRound.at) > t.gapMs;
  const previous: SignalState = gap ? withoutRuns(stored) : stored;
  const maintenance = maintenanceStep(previous, round);
  const state: SignalState = { ...maintenance.state, lastRound: { at: round.at, results: round.results } };
  const probed = new Set(round.results.map(familyOf));
  const failedFamilies = new Set(round.results.filter((r) => isFailure(r.outcome)).map(familyOf));
  // Everything failed and so did the control: our network, not Clerk. The round counts neither way.
  if (failedFamilies.size > 0 && failedFamilies.size === probed.size && round.controlOk === false)
    return { state: { ...state, network: state.network ?? { since: round.at } }, events: maintenance.events };
  const { network: _, ...base } = state;
  const next: SignalState = { ...base, failing: failingAfter(state, round) };
  const failing = Object.values(next.failing);
  const step =
    next.phase === 'warning' || next.phase === 'confirmed'
      ? whileOn(next, failing, round, t)
      : failing.length === 0
        ? { state: { ...next, phase: 'healthy' as const }, events: [] }
        : shouldRaise(failing, t) && !round.pageSpeaks
          ? raise(next, failing, round)
          : { state: { ...next, phase: 'suspect' as const }, events: [] };
  return { state: step.state, events: [...maintenance.events, ...step.events] };
}
