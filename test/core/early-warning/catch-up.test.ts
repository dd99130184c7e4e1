import { describe, expect, it } from 'vitest';
import { warningCatchUp } from '../../../src/core/early-warning/catch-up.js';
import {
  INITIAL_SIGNAL,
  type SignalState,
  type WarningRecord,
} from '../../../src/core/early-warning/signal.js';

const warning: WarningRecord = {
  id: 'early-warning:w',
  since: 'a',
  raisedAt: 'b',
  failing: [],
  status: 'active',
};
const state = (phase: SignalState['phase'], w: WarningRecord | undefined): SignalState => ({
  ...INITIAL_SIGNAL,
  phase,
  ...(w ? { warning: w } : {}),
});

describe('a channel subscribing while a warning is on', () => {
  it.each([
    ['a warning on', state('warning', warning), 1],
    ['no probes', undefined, 0],
    ['no warning', state('suspect', undefined), 0],
    ['a cleared warning', state('healthy', { ...warning, status: 'cleared' }), 0],
    [
      'a confirmed warning (the incident catches up instead)',
      state('confirmed', { ...warning, status: 'confirmed' }),
      0,
    ],
  ])('%s', (_, s, count) => {
    const events = warningCatchUp(s, 'T:1', 'C/1');
    expect(events).toHaveLength(count);
    if (count) expect(events[0]?.id).toBe('early-warning:w:caught-up:T%3A1:C%2F1');
  });
});
