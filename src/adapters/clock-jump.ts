/**
 * Notices the wall clock jumping (an NTP step, a restored VM): timers and `performance.now()` run on steady time,
 * `Date.now()` does not, so the gap between them moving by more than a couple of seconds is a jump. node-cron sleeps
 * until the wall clock reaches its next slot: a schedule built on it must be re-derived after a jump, or a clock set
 * back an hour stops it for the hour. Shared by the poll scheduler and the own checks' `cron:` tickers.
 */
import { performance } from 'node:perf_hooks';

/** A wall clock that moved this much against steady time has jumped. */
export const CLOCK_JUMP_MS = 2_000;

/** Calls `onJump(ms)` (positive: forward) when the wall clock jumps; checks every `everyMs`. Returns a stop. */
export function watchClockJumps(everyMs: number, onJump: (ms: number) => void): () => void {
  let offset = Date.now() - performance.now();
  const timer = setInterval(() => {
    const now = Date.now() - performance.now();
    const jumped = now - offset;
    offset = now;
    if (Math.abs(jumped) > CLOCK_JUMP_MS) onJump(Math.round(jumped));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
