/** Real parts wired for tests: a temp-dir SQLite store, the real client, a console sink into an array. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleSink } from '../../src/adapters/console-sink.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { StatusPageClient } from '../../src/adapters/status-page/client.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { DeliveryWorker } from '../../src/app/deliver/delivery-worker.js';
import { Outbox } from '../../src/app/outbox.js';
import { PollCycle } from '../../src/app/poll/poll-cycle.js';
import type { Clock, PollOutcome, Store } from '../../src/app/ports.js';

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

export async function startWatcher(options: {
  url: string;
  statePath: string;
  clock: Clock;
  maxUpdateAgeMs?: number;
}): Promise<Watcher> {
  const store = await openSqliteStore(options.statePath);
  const source = new StatusPageClient({ baseUrl: options.url, timeoutMs: 1_000, maxRetries: 0 });
  const lines: string[] = [];
  const log = createLogger('silent');
  const outbox = new Outbox(store);
  const worker = new DeliveryWorker(
    outbox,
    new ConsoleSink({ write: (text: string) => lines.push(...text.trimEnd().split('\n')) }),
    log,
  );
  const cycle = new PollCycle({
    source,
    store,
    outbox,
    clock: options.clock,
    log,
    maxUpdateAgeMs: options.maxUpdateAgeMs ?? 24 * 3600_000,
  });
  return {
    cycle,
    async poll() {
      const outcome = await cycle.run();
      await worker.drainOnce();
      return outcome;
    },
    lines,
    store,
    close: async () => {
      await source.close();
      await store.close();
    },
  };
}
