import { describe, expect, it } from 'vitest';
import { liveness, readiness } from '../../src/app/status-report.js';

describe('health', () => {
  it('is live while a tick began within five intervals, and says why when not (a wedged poll loop)', () => {
    const base = { startedAt: 0, intervalMs: 1_000 };
    expect(liveness({ ...base, now: 4_000, lastTickAt: undefined }).live).toBe(true); // just started
    expect(liveness({ ...base, now: 10_000, lastTickAt: 6_000 })).toMatchObject({ live: true });
    const wedged = liveness({ ...base, now: 20_000, lastTickAt: 6_000 });
    expect(wedged).toMatchObject({ live: false, lastTickAt: new Date(6_000).toISOString() });
    expect(wedged.reason).toMatch(/no poll tick began in the last 14 s \(limit 5 s\)/);
  });

  it('is ready once started, whatever the status page or the store are doing', () => {
    expect(readiness({ started: false, mode: 'http' })).toEqual({ ready: false, mode: 'http' });
    expect(readiness({ started: true, mode: 'socket' })).toEqual({ ready: true, mode: 'socket' });
  });
});
