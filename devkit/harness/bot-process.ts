/** The real bot as a child process (the built dist/main.js that `npm start` runs), with its output captured. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from '../wait.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** The Node flags the bot ships with (package.json `start`, the image's CMD): tests run what ships. */
export const NODE_FLAGS = ['--max-semi-space-size=1'];

export interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  logs: Record<string, unknown>[];
  port(): Promise<number>;
  waitFor(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Resolves once the bot's /status says nothing waits to be delivered (no event, no parent edit): from then on
   * nothing more arrives unless the page changes. Instead of sleeping "long enough" before counting messages.
   */
  settled(timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Preload for a wall clock the test moves (see wall-clock-shift.mjs); pass with `WALL_CLOCK_SHIFT_FILE` in env. */
export const WALL_CLOCK_SHIFT = fileURLToPath(new URL('./wall-clock-shift.mjs', import.meta.url));

export interface SpawnOptions {
  /** Modules to `--import` before the bot (test harness only, e.g. WALL_CLOCK_SHIFT). */
  preload?: string[];
}

export function spawnBot(env: Record<string, string>, options: SpawnOptions = {}): BotProcess {
  const preload = (options.preload ?? []).flatMap((file) => ['--import', file]);
  const child = spawn(process.execPath, [...NODE_FLAGS, ...preload, MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = (stream: NodeJS.ReadableStream, onLine: (line: string) => void) => {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) onLine(line);
    });
  };
  lines(child.stdout as NodeJS.ReadableStream, (line) => {
    const trimmed = line.trimEnd();
    if (!trimmed.startsWith('{')) {
      stdout.push(trimmed);
      return;
    }
    try {
      logs.push(JSON.parse(trimmed));
    } catch {
      stdout.push(trimmed);
    }
  });
  lines(child.stderr as NodeJS.ReadableStream, (line) => {
    try {
      logs.push(JSON.parse(line));
    } catch {
      logs.push({ raw: line });
    }
  });

  const waitFor = (what: string, check: () => boolean, timeoutMs = 15_000) =>
    until(what, check, {
      timeoutMs,
      abort: () => (child.exitCode !== null ? `bot exited (${child.exitCode})` : undefined),
      detail: () => `stdout:\n${stdout.join('\n')}\nlogs:\n${JSON.stringify(logs.slice(-5))}`,
    });

  return {
    child,
    stdout,
    logs,
    async port() {
      await waitFor('start-up', () => logs.some((l) => l.msg === 'started'));
      return Number(logs.find((l) => l.msg === 'started')?.port);
    },
    waitFor,
    async settled(timeoutMs = 30_000) {
      const url = `http://127.0.0.1:${await this.port()}/status`;
      await until(
        'nothing left to deliver',
        async () => {
          const status = (await (await fetch(url)).json()) as {
            deliveries?: { pending?: { events: number; edits: number } | null };
          };
          const pending = status.deliveries?.pending;
          return pending?.events === 0 && pending.edits === 0;
        },
        { timeoutMs, intervalMs: 100 },
      );
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
