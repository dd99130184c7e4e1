/**
 * Runs the poll every POLL_INTERVAL_SECONDS with node-cron, never two at once. Cron can only express
 * intervals that divide a minute or an hour evenly; any other interval ticks every second and runs only
 * when the interval has elapsed since the last start.
 */
import cron, { type ScheduledTask } from 'node-cron';

export interface Schedule {
  expression: string;
  /** When set, a tick runs only if this many ms have passed since the last run started. */
  gateMs?: number;
}

export function scheduleFor(intervalSeconds: number): Schedule {
  if (intervalSeconds < 60 && 60 % intervalSeconds === 0)
    return { expression: `*/${intervalSeconds} * * * * *` };
  if (intervalSeconds % 60 === 0 && 3600 % intervalSeconds === 0) {
    return { expression: `0 */${intervalSeconds / 60} * * * *` };
  }
  return { expression: '* * * * * *', gateMs: intervalSeconds * 1000 - 500 };
}

export class PollScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private lastStart = 0;

  constructor(
    private readonly intervalSeconds: number,
    private readonly tick: () => Promise<void>,
  ) {}

  /** Starts the schedule and runs one poll right away. */
  start(): void {
    const { expression, gateMs } = scheduleFor(this.intervalSeconds);
    this.task = cron.schedule(
      expression,
      () => {
        if (gateMs !== undefined && Date.now() - this.lastStart < gateMs) return;
        this.runNow();
      },
      { name: 'clerk-status-poll', noOverlap: true },
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
