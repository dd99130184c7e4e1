/** The poll schedule: node-cron expressions at a per-installation phase, checked by node-cron and by real ticks. */
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { until } from '../../devkit/wait.js';
import { PollScheduler, randomPhaseSeconds, scheduleFor } from '../../src/adapters/scheduler.js';

describe('scheduleFor', () => {
  it.each([
    [30, 0, '0,30 * * * * *', undefined],
    [30, 7, '7,37 * * * * *', undefined],
    [20, 45, '5,25,45 * * * * *', undefined], // a phase past the interval wraps
    [15, 14, '14,29,44,59 * * * * *', undefined],
    [300, 0, '0 0,5,10,15,20,25,30,35,40,45,50,55 * * * *', undefined],
    [300, 137, '17 2,7,12,17,22,27,32,37,42,47,52,57 * * * *', undefined],
    [1800, 1799, '59 29,59 * * * *', undefined],
    [45, 10, '* * * * * *', 44_500], // does not divide a minute: gated, phase = start time
  ])('every %i s at phase %i → %s', (interval, phase, expression, gateMs) => {
    const schedule = scheduleFor(interval, phase);
    expect(schedule.expression).toBe(expression);
    expect(schedule.gateMs).toBe(gateMs);
    expect(cron.validate(schedule.expression)).toBe(true);
  });

  it('draws phases across the whole interval', () => {
    const phases = new Set(Array.from({ length: 400 }, () => randomPhaseSeconds(30)));
    expect(Math.min(...phases)).toBe(0);
    expect(Math.max(...phases)).toBe(29);
    expect(phases.size).toBeGreaterThan(25);
  });
});

describe('PollScheduler', () => {
  it('runs once at start, then on the seconds its phase names', async () => {
    const starts: number[] = [];
    // Every 4 s at phase 1: seconds 1, 5, 9, …; phase 0 would land 3 s later in each 4 s period.
    const scheduler = new PollScheduler(4, async () => void starts.push(Date.now()), { phaseSeconds: 1 });
    scheduler.start();
    await until('a scheduled run after the first', () => starts.length >= 2, { timeoutMs: 15_000 });
    await scheduler.stop();
    const scheduled = starts.slice(1);
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    // Within 2 s after its second (node-cron fires just after the boundary; a loaded machine later).
    for (const at of scheduled) expect((at - 1000) % 4000).toBeLessThan(2000);
  });
});
