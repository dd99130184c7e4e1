/**
 * The wall-clock jump watch the poll scheduler and the own checks' cron tickers share: a wall clock moved against
 * steady time is reported (forward and back), steady time alone is not.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../../devkit/wait.js';
import { watchClockJumps } from '../../src/adapters/clock-jump.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the clock-jump watch', () => {
  it('reports the wall clock set forward and back an hour, and nothing while it runs steadily', async () => {
    const jumps: number[] = [];
    const stop = watchClockJumps(10, (ms) => jumps.push(ms));
    try {
      await new Promise((resolve) => setTimeout(resolve, 60)); // steady: the point is that nothing is reported
      expect(jumps).toEqual([]);
      const real = Date.now.bind(Date);
      const spy = vi.spyOn(Date, 'now').mockImplementation(() => real() + 3_600_000);
      await until('the forward jump', () => jumps.length === 1);
      spy.mockImplementation(() => real());
      await until('the jump back', () => jumps.length === 2);
      expect(jumps[0]).toBeGreaterThan(3_590_000);
      expect(jumps[1]).toBeLessThan(-3_590_000);
    } finally {
      stop();
    }
  });
});
