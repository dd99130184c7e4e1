/**
 * Runs the poll every POLL_INTERVAL_SECONDS with node-cron, never two at once, at a per-installation phase
 * inside the interval: without one, every installation in the world would hit Clerk's page at :00 and :30.
 * Cron can only express intervals that divide a minute or an hour evenly; any other interval ticks every
 * second and runs only when the interval has elapsed since the last start (its phase is the start time).
 *
 * Cron reads the wall clock, which can jump (an NTP step, a restored VM, a hand-set clock): node-cron sleeps until the
 * wall clock reaches its next slot, so a clock set back an hour would stop the poll for an hour, and one set forward
 * reports every skipped second as "missed". A steady watchdog (timers and `performance.now()` do not jump) notices a
 * jump, says so once, and re-derives the schedule from the clock as it now reads; and it runs the poll itself if no
 * run has started for two intervals, whatever the cause.
 */

import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import cron, { type ScheduledTask } from 'node-cron';
import { CLOCK_JUMP_MS } from './clock-jump.js';

export interface Schedule {
  expression: string;
  /** When set, a tick runs only if this many ms have passed since the last run started. */
  gateMs?: number;
}

/** The ticks at `phase`, `phase + step`, … below `period`, as a cron list. */
function ticksFrom(phase: number, step: number, period: number): string {
  const ticks: number[] = [];
  for (let t = phase % step; t < period; t += step) ticks.push(t);
  return ticks.join(',');
}

/** `phaseSeconds` (0 ≤ phase < interval) shifts every tick by that many seconds. */
export function scheduleFor(intervalSeconds: number, phaseSeconds = 0): Schedule {
  const phase = Math.max(0, Math.floor(phaseSeconds)) % intervalSeconds;
  if (intervalSeconds < 60 && 60 % intervalSeconds === 0)
    return { expression: `${ticksFrom(phase, intervalSeconds, 60)} * * * * *` };
  if (intervalSeconds % 60 === 0 && 3600 % intervalSeconds === 0) {
    const minutes = ticksFrom(Math.floor(phase / 60), intervalSeconds / 60, 60);
    return { expression: `${phase % 60} ${minutes} * * * *` };
  }
  return { expression: '* * * * * *', gateMs: intervalSeconds * 1000 - 500 };
}

/** A random phase for this installation, so installations spread over the interval. */
export function randomPhaseSeconds(intervalSeconds: number): number {
  return randomInt(intervalSeconds);
}

/** A wall clock that moved this much more (or less) than the steady clock has jumped. */

export interface SchedulerOptions {
  /** 0 ≤ phase < interval (default: random). */
  phaseSeconds?: number;
  name?: string;
  /** The wall clock jumped by `ms` (negative: back); the schedule has been re-derived. */
  onClockJump?: (ms: number) => void;
}

export class PollScheduler {
  private task: ScheduledTask | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Steady-clock time of the last run's start. */
  private lastStart = Number.NEGATIVE_INFINITY;
  /** Wall minus steady clock when last checked: it changes only when the wall clock jumps. */
  private wallOffset = 0;
  private readonly phaseSeconds: number;
  private readonly name: string;

  constructor(
    private readonly intervalSeconds: number,
    private readonly tick: () => Promise<void>,
    private readonly options: SchedulerOptions = {},
  ) {
    this.phaseSeconds = options.phaseSeconds ?? randomPhaseSeconds(intervalSeconds);
    this.name = options.name ?? 'clerk-status-poll';
  }

  /** Starts the schedule and runs one poll right away. */
  start(): void {
    this.schedule();
    this.wallOffset = Date.now() - performance.now();
    this.watchdog = setInterval(() => this.guard(), Math.min(this.intervalSeconds * 1000, 5_000));
    this.watchdog.unref();
    this.runNow();
  }

  private schedule(): void {
    const { expression, gateMs } = scheduleFor(this.intervalSeconds, this.phaseSeconds);
    this.task = cron.schedule(
      expression,
      () => {
        if (gateMs !== undefined && performance.now() - this.lastStart < gateMs) return;
        this.runNow();
      },
      // Missed slots are the watchdog's business: after a forward jump node-cron would warn once per skipped slot.
      { name: this.name, noOverlap: true, suppressMissedWarning: true },
    );
  }

  /** The steady watchdog: re-derives the schedule after a wall clock jump; runs a poll two intervals overdue. */
  private guard(): void {
    const offset = Date.now() - performance.now();
    const jumped = offset - this.wallOffset;
    this.wallOffset = offset;
    if (Math.abs(jumped) > CLOCK_JUMP_MS && this.task) {
      void this.task.destroy();
      this.schedule();
      this.options.onClockJump?.(Math.round(jumped));
    }
    if (performance.now() - this.lastStart > 2 * this.intervalSeconds * 1000) void this.runNow();
  }

  /** Runs a poll unless one is in flight. */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.lastStart = performance.now();
    this.running = this.tick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops scheduling and waits for the poll in flight, if any. */
  async stop(): Promise<void> {
    clearInterval(this.watchdog);
    await this.task?.stop();
    await this.task?.destroy();
    this.task = undefined;
    await this.running;
  }
}
