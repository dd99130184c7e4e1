/**
 * A check's or job's schedule as slots, each with an id every replica agrees on: `every` → multiples of the interval
 * since the epoch (a steady timer, re-aimed at each slot, so a clock that jumps only moves the next slot); `cron` →
 * node-cron's own slots (its `date`). Only tells that a slot came; what runs and whether is the app's business.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Schedule } from '../../core/checks/definitions.js';
import { watchClockJumps } from '../clock-jump.js';

export interface SlotTicker {
  start(): void;
  stop(): Promise<void>;
  /** The next slot from now (ISO). */
  next(): string;
  /** The time between two slots around now. */
  intervalMs(): number;
}

export function slotTicker(schedule: Schedule, name: string, onSlot: (slot: string) => void): SlotTicker {
  return schedule.kind === 'every'
    ? everyTicker(schedule.ms, onSlot)
    : cronTicker(schedule.expression, name, onSlot);
}

function everyTicker(ms: number, onSlot: (slot: string) => void): SlotTicker {
  let timer: NodeJS.Timeout | undefined;
  const nextAfter = (t: number) => (Math.floor(t / ms) + 1) * ms;
  const arm = () => {
    const slot = nextAfter(Date.now());
    timer = setTimeout(() => {
      arm();
      onSlot(new Date(slot).toISOString());
    }, slot - Date.now());
    timer.unref();
  };
  return {
    start: arm,
    async stop() {
      clearTimeout(timer);
      timer = undefined;
    },
    next: () => new Date(nextAfter(Date.now())).toISOString(),
    intervalMs: () => ms,
  };
}

function cronTicker(expression: string, name: string, onSlot: (slot: string) => void): SlotTicker {
  let task: ScheduledTask | undefined;
  let unwatch: (() => void) | undefined;
  const probe = cron.createTask(expression, () => undefined, { name: `${name}-probe` });
  const schedule = () => {
    task = cron.schedule(expression, (context) => onSlot(context.date.toISOString()), {
      name,
      suppressMissedWarning: true,
    });
  };
  return {
    start() {
      schedule();
      // node-cron sleeps until the wall clock reaches its next slot: after a jump the schedule is derived again.
      unwatch = watchClockJumps(5_000, () => {
        void task?.destroy();
        schedule();
      });
    },
    async stop() {
      unwatch?.();
      await task?.destroy();
      await probe.destroy();
      task = undefined;
    },
    next: () => (probe.getNextRun() ?? new Date()).toISOString(),
    intervalMs() {
      const [a, b] = probe.getNextRuns(2);
      return a && b ? b.getTime() - a.getTime() : 60_000;
    },
  };
}
