/**
 * Runs the poll every POLL_INTERVAL_SECONDS with node-cron, never two at once, at a per-installation phase
 * inside the interval: without one, every installation in the world would hit Clerk's page at :00 and :30.
 * Cron can only express intervals that divide a minute or an hour evenly; any other interval ticks every
 * second and runs only when the interval has elapsed since the last start (its phase is the start time).
 */
import { randomInt } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';

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

export class PollScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private lastStart = 0;

  constructor(
    private readonly intervalSeconds: number,
    private readonly tick: () => Promise<void>,
    private readonly phaseSeconds = randomPhaseSeconds(intervalSeconds),
    private readonly name = 'clerk-status-poll',
  ) {}

  /** Starts the schedule and runs one poll right away. */
  start(): void {
    const { expression, gateMs } = scheduleFor(this.intervalSeconds, this.phaseSeconds);
    this.task = cron.schedule(
      expression,
      () => {
        if (gateMs !== undefined && Date.now() - this.lastStart < gateMs) return;
        this.runNow();
      },
      { name: this.name, noOverlap: true },
    );
    this.runNow();
  }

  /** Runs a poll unless one is in flight. */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.lastStart = Date.now();
    this.running = this.tick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops scheduling and waits for the poll in flight, if any. */
  async stop(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
    this.task = undefined;
    await this.running;
  }
}
