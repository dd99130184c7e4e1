/** Real shell parts wired for tests: a temp-dir file store, the real client, a console sink into an array. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/adapters/log/logger.js';
import { StatusPageClient } from '../../src/adapters/status-page/client.js';
import { openFileStore } from '../../src/adapters/store/file-store.js';
import { ConsoleSink } from '../../src/shell/console-sink.js';
import { PollCycle } from '../../src/shell/poll-cycle.js';
import type { Clock, Store } from '../../src/shell/ports.js';

export async function tempStatePath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'clerk-bot-')), 'state.json');
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
  const store = await openFileStore(options.statePath);
  const source = new StatusPageClient({ baseUrl: options.url, timeoutMs: 1_000, maxRetries: 0 });
  const lines: string[] = [];
  const cycle = new PollCycle({
    source,
    store,
    clock: options.clock,
    sink: new ConsoleSink({ write: (text: string) => lines.push(text.trimEnd()) }),
    log: createLogger('silent'),
    maxUpdateAgeMs: options.maxUpdateAgeMs ?? 24 * 3600_000,
  });
  return {
    cycle,
    lines,
    store,
    close: async () => {
      await source.close();
      await store.close();
    },
  };
}
