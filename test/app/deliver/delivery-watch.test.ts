/**
 * The delivery watch's rules, with a clock moved by hand: transient failures back off doubling from 2 s to at most
 * 5 minutes; a delivery waiting longer than 5 minutes is listed as stuck with its team, channel, event and reason
 * (also one held by another process); a success clears it; dropped messages are listed, the latest 50.
 */
import { describe, expect, it } from 'vitest';
import { DeliveryWatch } from '../../../src/app/deliver/delivery-watch.js';

const where = { team: 'T1', channel: 'C1', event: 'incident:1:opened' };

function watch() {
  let now = 1_000_000;
  const w = new DeliveryWatch(() => now);
  return { w, advance: (ms: number) => (now += ms) };
}

describe('delivery watch', () => {
  it('backs a transient failure off, doubling from 2 s up to 5 minutes', () => {
    const { w, advance } = watch();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      w.failed('d1', where, 'internal_error');
      let waited = 0;
      while (w.backingOff('d1')) {
        advance(1_000);
        waited += 1_000;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
  });

  it('lists a delivery waiting longer than 5 minutes as stuck, with why, until it gets through', () => {
    const { w, advance } = watch();
    w.failed('d1', where, 'a_code_slack_adds_next_year');
    advance(4 * 60_000);
    expect(w.stuck()).toEqual([]);
    w.failed('d1', where, 'service_unavailable');
    advance(2 * 60_000);
    expect(w.stuck()).toEqual([
      { ...where, reason: 'service_unavailable', attempts: 2, since: new Date(1_000_000).toISOString() },
    ]);
    w.done('d1');
    expect(w.stuck()).toEqual([]);
  });

  it('a delivery held by another process waits without backing off, and still shows when stuck', () => {
    const { w, advance } = watch();
    w.held('d1', where, 'claimed by another process');
    expect(w.backingOff('d1')).toBe(false);
    advance(6 * 60_000);
    w.held('d1', where, 'claimed by another process');
    expect(w.stuck().map((s) => s.reason)).toEqual(['claimed by another process']);
  });

  it('lists what Slack refused for good, the latest 50', () => {
    const { w } = watch();
    for (let i = 0; i < 60; i++) w.drop(`d${i}`, { ...where, event: `e${i}`, reason: 'invalid_blocks' });
    const dropped = w.recentlyDropped();
    expect(dropped).toHaveLength(50);
    expect(dropped.at(-1)?.event).toBe('e59');
  });
});
