import { describe, expect, it } from 'vitest';
import { confirmWarning, warningView } from '../../../src/core/early-warning/confirm.js';
import type { SignalState, WarningRecord } from '../../../src/core/early-warning/signal.js';
import { probeThresholds } from '../../../src/core/early-warning/thresholds.js';

const t = probeThresholds(30);
const min = (n: number) => new Date(Date.parse('2026-03-10T14:00:00Z') + n * 60_000).toISOString();
const warning = (over: Partial<WarningRecord> = {}): WarningRecord => ({
  id: 'early-warning:w1',
  since: min(0),
  raisedAt: min(1.5),
  failing: [],
  status: 'active',
  ...over,
});
const state = (w: WarningRecord, phase: SignalState['phase'] = 'warning'): SignalState => ({
  phase,
  failing: {},
  healthyRounds: 0,
  warning: w,
});
const incident = (posted: number) => ({
  id: 'inc1',
  name: 'Sign-in errors',
  url: 'https://status.clerk.com/incidents/inc1',
  postedAt: min(posted),
});

describe('confirming a warning', () => {
  it.each([
    ['an incident posted while the warning is on', state(warning()), incident(10.5), 9 * 60_000, false],
    [
      'an incident posted just before the first failure',
      state(warning()),
      incident(-5),
      -6.5 * 60_000,
      false,
    ],
    [
      'an incident within 30 min after it cleared',
      state(warning({ status: 'cleared', endedAt: min(5) }), 'healthy'),
      incident(20),
      18.5 * 60_000,
      true,
    ],
  ])('%s confirms it, with the lead', (_, before, inc, lead, wasCleared) => {
    const { state: after, events } = confirmWarning(before, [inc], min(21), t);
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event?.kind).toBe('warning.confirmed');
    if (event?.kind !== 'warning.confirmed') return;
    expect([event.leadMs, event.wasCleared, event.id]).toEqual([
      lead,
      wasCleared,
      'early-warning:w1:confirmed',
    ]);
    expect(after.warning?.status).toBe('confirmed');
    expect(warningView(after.warning as WarningRecord)).toEqual({
      state: 'confirmed',
      incident: inc,
      leadMs: lead,
    });
  });

  it.each([
    ['no incident', state(warning()), [], min(5)],
    ['an incident from long before the warning', state(warning()), [incident(-30)], min(5)],
    [
      'an incident more than 30 min after it cleared',
      state(warning({ status: 'cleared', endedAt: min(5) }), 'healthy'),
      [incident(40)],
      min(41),
    ],
    [
      'a warning already confirmed',
      state(warning({ status: 'confirmed' }), 'confirmed'),
      [incident(3)],
      min(5),
    ],
  ])('%s confirms nothing', (_, before, incidents, now) => {
    expect(confirmWarning(before, incidents, now, t)).toEqual({ state: before, events: [] });
  });

  it('moves a warning that is still on into the confirmed phase (its recovery is then Clerk’s to announce)', () => {
    expect(confirmWarning(state(warning()), [incident(4)], min(5), t).state.phase).toBe('confirmed');
  });

  it('draws a cleared warning as cleared, with how long it lasted', () => {
    expect(warningView(warning({ status: 'cleared', endedAt: min(7) }))).toEqual({
      state: 'cleared',
      durationMs: 7 * 60_000,
    });
    expect(warningView(warning())).toEqual({ state: 'active' });
  });
});
