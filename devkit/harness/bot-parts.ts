/** The real bot for tests, on a temp-dir SQLite store, its console lines into an array; and a clock moved by hand. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/adapters/log/logger.js';
import type { PollCycle } from '../../src/app/poll/poll-cycle.js';
import type { Clock, PollOutcome } from '../../src/app/ports/observability.js';
import type { Store } from '../../src/app/ports/store.js';
import { start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';

export async function tempStatePath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'clerk-bot-')), 'state.db');
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

export interface Watcher {
  cycle: PollCycle;
  /** One poll, then one delivery pass, as the bot does on each tick. */
  poll(): Promise<PollOutcome>;
  lines: string[];
  store: Store;
  close(): Promise<void>;
}

/**
 * The bot itself in console mode (the real composition root, not a second one), driven tick by tick: each poll
 * runs the tick the scheduler runs (lease, poll, delivery), then one delivery pass.
 */
/** Console mode's one summary of what the page shows, written after its first successful poll. */
const SUMMARY_LINE = /^\S+ \S+ {2}clerk {6}/;

export async function startWatcher(options: {
  url: string;
  statePath: string;
  clock: Clock;
  maxUpdateAgeMs?: number;
}): Promise<Watcher> {
  const lines: string[] = [];
  let started = false;
  const hours = Math.max(1, Math.round((options.maxUpdateAgeMs ?? 24 * 3600_000) / 3600_000));
  const config = loadConfig({
    CLERK_STATUS_URL: options.url,
    STORE_URL: `file:${options.statePath}`,
    PORT: '0',
    MAX_UPDATE_AGE_HOURS: String(hours),
  });
  const bot = await start(config, createLogger('silent'), {
    clock: options.clock,
    consoleOut: {
      // Change lines only: the start-up banner and the first poll's summary ("clerk  …") are not changes.
      write: (text: string) => {
        if (!started) return;
        lines.push(
          ...text
            .trimEnd()
            .split('\n')
            .filter((line) => !SUMMARY_LINE.test(line)),
        );
      },
    },
  });
  started = true;
  return {
    cycle: bot.cycle,
    async poll() {
      await bot.pollNow();
      await bot.deliverNow();
      const outcome = bot.cycle.lastOutcome;
      if (!outcome) throw new Error('the tick did not poll (not the leader?)');
      return outcome;
    },
    lines,
    store: bot.store,
    close: () => bot.stop(),
  };
}
