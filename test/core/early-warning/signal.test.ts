/**
 * Every transition of the early-warning signal, table-driven: each case is a sequence of probe rounds (30 s apart)
 * and the events and phase they must produce.
 */
import { describe, expect, it } from 'vitest';
import {
  INITIAL_SIGNAL,
  type ProbeRound,
  type SignalState,
  stepSignal,
} from '../../../src/core/early-warning/signal.js';
import { probeThresholds } from '../../../src/core/early-warning/thresholds.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import type { ProbeEndpoint, ProbeOutcome, ProbeResult } from '../../../src/core/events/probes.js';

const T0 = Date.parse('2026-03-10T14:00:00Z');
const at = (i: number, intervalS = 30) => new Date(T0 + i * intervalS * 1000).toISOString();

/** F/B: the Frontend / Backend API fails (503) this round; f/b: it answers; n: no control; p: the page speaks; m/M: maintenance on/off; s: frontend slow; r: frontend refuses (401). */
function round(code: string, i: number, intervalS = 30): ProbeRound {
  const frontend: ProbeOutcome = code.includes('F')
    ? 'http_5xx'
    : code.includes('s')
      ? 'slow'
      : code.includes('r')
        ? 'refused'
        : 'ok';
  const backend: ProbeOutcome | undefined = code.includes('B')
    ? 'rate_limited'
    : code.includes('b')
      ? 'ok'
      : undefined;
  const result = (endpoint: ProbeEndpoint, outcome: ProbeOutcome): ProbeResult => ({
    endpoint,
    outcome,
    latencyMs: outcome === 'slow' ? 2_500 : 40,
    ...(outcome === 'http_5xx'
      ? { status: 503 }
      : outcome === 'rate_limited'
        ? { status: 429 }
        : outcome === 'refused'
          ? { status: 401 }
          : {}),
  });
  const environment = result('frontend.environment', frontend);
  if (code.includes('m')) environment.maintenanceMode = true;
  if (code.includes('M')) environment.maintenanceMode = false;
  const results = [
    result('frontend.health', frontend),
    environment,
    ...(backend ? [result('backend.jwks', backend)] : []),
  ];
  const failed = results.some((r) => !['ok', 'refused'].includes(r.outcome));
  return {
    at: at(i, intervalS),
    results,
    pageSpeaks: code.includes('p'),
    ...(failed ? { controlOk: !code.includes('n') } : {}),
  };
}

function run(codes: string[], intervalS = 30, from: SignalState = INITIAL_SIGNAL) {
  const t = probeThresholds(intervalS);
  let state = from;
  const events: { round: number; event: BotEvent }[] = [];
  const phases: string[] = [];
  codes.forEach((code, i) => {
    const step = stepSignal(state, round(code, i, intervalS), t);
    state = step.state;
    phases.push(state.phase);
    for (const event of step.events) events.push({ round: i, event });
  });
  return { state, events, phases };
}

const times = (code: string, n: number) => Array.from({ length: n }, () => code);
const kinds = (events: { round: number; event: BotEvent }[]) =>
  events.map((e) => `${e.round}:${e.event.kind}`);

describe('the early-warning signal', () => {
  it.each([
    ['healthy rounds stay silent', times('b', 8), [], 'healthy'],
    ['a single failed round is never a warning', ['b', 'Fb', 'b', 'b'], [], 'healthy'],
    ['three failed rounds on one family are not yet a warning', times('Fb', 3), [], 'suspect'],
    ['four failed rounds on one family are a warning', times('Fb', 4), ['3:warning.raised'], 'warning'],
    ['the Backend API alone counts the same way (429s too)', times('B', 4), ['3:warning.raised'], 'warning'],
    ['both families failing together need three rounds', times('FB', 3), ['2:warning.raised'], 'warning'],
    [
      'flapping never adds up to a warning',
      ['Fb', 'b', 'Fb', 'Fb', 'b', 'Fb', 'Fb', 'Fb', 'b'],
      [],
      'healthy',
    ],
    ['a slow Frontend API counts as failing', times('sb', 4), ['3:warning.raised'], 'warning'],
    ['a refused probe (a wrong key) is never Clerk failing', times('rb', 8), [], 'healthy'],
    [
      'a warning holds through three healthy rounds',
      [...times('Fb', 4), ...times('b', 3)],
      ['3:warning.raised'],
      'warning',
    ],
    [
      'and clears on the fourth',
      [...times('Fb', 4), ...times('b', 4)],
      ['3:warning.raised', '7:warning.cleared'],
      'healthy',
    ],
    [
      'a failure among the healthy rounds starts the count again',
      [...times('Fb', 4), 'b', 'b', 'Fb', ...times('b', 3)],
      ['3:warning.raised'],
      'warning',
    ],
    [
      'the Backend API joining a warning redraws it',
      [...times('Fb', 4), 'FB', 'FB'],
      ['3:warning.raised', '4:warning.updated'],
      'warning',
    ],
    [
      'and leaving it again too',
      [...times('FB', 3), 'Fb', 'Fb'],
      ['2:warning.raised', '3:warning.updated'],
      'warning',
    ],
    ['nothing answers, not even the control: our network, no warning', times('FBn', 10), [], 'healthy'],
    ['one family still answering is not our network', times('Fbn', 4), ['3:warning.raised'], 'warning'],
    ['no unconfirmed warning while the status page already speaks', times('Fbp', 10), [], 'suspect'],
    [
      'the page falling silent again lets the warning out',
      [...times('Fbp', 5), 'Fb'],
      ['5:warning.raised'],
      'warning',
    ],
  ])('%s', (_, codes, expected, phase) => {
    const { events, state } = run(codes);
    expect(kinds(events)).toEqual(expected);
    expect(state.phase).toBe(phase);
  });

  it('names the warning after its first failed round and says what failed and since when', () => {
    const { events } = run(['b', 'Fb', 'FB', 'FB', 'FB']);
    const raised = events.find((e) => e.event.kind === 'warning.raised')?.event;
    expect(raised?.kind).toBe('warning.raised');
    if (raised?.kind !== 'warning.raised') return;
    expect(raised.warning.since).toBe(at(1));
    expect(raised.id).toBe(`early-warning:${encodeURIComponent(at(1))}:raised`);
    expect(
      raised.warning.failing.map((f) => [f.family, f.since, f.rounds, f.results.map((r) => r.status)]),
    ).toEqual([
      ['frontend', at(1), 4, [503, 503]],
      ['backend', at(2), 3, [429]],
    ]);
  });

  it('redraws with what fails now, as of that round, under a new id each time', () => {
    const { events } = run([...times('Fb', 4), 'FB', 'Fb', 'FB']);
    const updates = events.filter((e) => e.event.kind === 'warning.updated').map((e) => e.event);
    expect(updates.map((e) => e.id)).toEqual(
      [4, 5, 6].map((i) => `early-warning:${encodeURIComponent(at(0))}:updated:${encodeURIComponent(at(i))}`),
    );
    const last = updates.at(-1);
    if (last?.kind !== 'warning.updated') throw new Error('no update');
    expect(last.warning.asOf).toBe(at(6));
    expect(last.warning.failing.map((f) => [f.family, f.since])).toEqual([
      ['frontend', at(0)],
      ['backend', at(6)],
    ]);
  });

  it('clears with how long the failure lasted (first failure to first healthy round)', () => {
    const { events } = run([...times('Fb', 6), ...times('b', 4)]);
    const cleared = events.at(-1)?.event;
    expect(cleared?.kind).toBe('warning.cleared');
    if (cleared?.kind === 'warning.cleared') expect(cleared.durationMs).toBe(6 * 30_000);
  });

  it('continues from a stored state: no warning twice, and the same ids', () => {
    const first = run(times('Fb', 5));
    const restarted = run(times('Fb', 3), 30, JSON.parse(JSON.stringify(first.state)) as SignalState);
    expect(restarted.events).toEqual([]);
    const { events } = run(times('b', 4), 30, first.state);
    expect(events.map((e) => e.event.id)).toEqual([`early-warning:${encodeURIComponent(at(0))}:cleared`]);
  });

  it('never adds failures up across a gap (the bot was down): counts start again', () => {
    const before = run(times('Fb', 3));
    const t = probeThresholds(30);
    let state = before.state;
    const later = (i: number) => ({
      ...round('Fb', 0),
      at: new Date(T0 + 3_600_000 + i * 30_000).toISOString(),
    });
    const events: BotEvent[] = [];
    for (let i = 0; i < 3; i++) {
      const step = stepSignal(state, later(i), t);
      state = step.state;
      events.push(...step.events);
    }
    expect(events).toEqual([]);
    expect(state.failing.frontend?.rounds).toBe(3);
    expect(stepSignal(state, later(3), t).events.map((e) => e.kind)).toEqual(['warning.raised']);
  });

  it('counts no round while our own network is down, neither way', () => {
    const { state } = run(['Fb', 'Fb', ...times('FBn', 6)]);
    expect(state.network?.since).toBe(at(2));
    expect(state.failing.frontend?.rounds).toBe(2);
    const after = run(['Fb'], 30, state);
    expect(after.state.network).toBeUndefined();
    expect(after.state.failing.frontend?.rounds).toBe(3);
  });

  it('announces Maintenance Mode once when it turns on and once when it ends', () => {
    const { events } = run(['bm', 'bm', 'bm', 'bM', 'bM']);
    expect(kinds(events)).toEqual(['0:clerk.maintenance', '3:clerk.maintenance']);
    const [on, off] = events.map((e) => e.event);
    expect(on?.kind === 'clerk.maintenance' && on.phase).toBe('started');
    expect(off?.kind === 'clerk.maintenance' && [off.phase, off.durationMs]).toEqual(['ended', 90_000]);
    expect(on?.id).not.toBe(off?.id);
  });

  it.each([
    [1, 5, 4, 4_000],
    [10, 5, 4, 40_000],
    [30, 4, 3, 90_000],
    [60, 3, 2, 120_000],
    [300, 3, 2, 600_000],
  ])(
    'at %i s between rounds: a warning after %i rounds (%i for both families), %i ms after the first failure',
    (interval, rounds, both, ms) => {
      const t = probeThresholds(interval);
      expect([t.raiseAfter, t.raiseAfterBoth]).toEqual([rounds, both]);
      const { events } = run(times('Fb', rounds), interval);
      const raised = events[0]?.event;
      expect(raised?.kind).toBe('warning.raised');
      if (raised?.kind === 'warning.raised')
        expect(Date.parse(raised.warning.raisedAt) - Date.parse(raised.warning.since)).toBe(ms);
    },
  );
});
