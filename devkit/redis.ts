/**
 * Tests that need Redis run whenever 127.0.0.1:6379 answers, are required when CI=true, and otherwise
 * skip with a printed notice (never silently).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { until } from './wait.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
  });
}

export async function redisAvailable(suite: string): Promise<boolean> {
  if (await answers(REDIS_URL)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `${suite}: Redis at ${REDIS_URL} does not answer, and CI=true requires it (.ci/run starts redis-server)`,
    );
  }
  console.warn(
    `NOTICE: skipping "${suite}": Redis at ${REDIS_URL} does not answer (start redis-server to run it)`,
  );
  return false;
}

/** Deletes the keys a test wrote under its own namespace, and nothing else: never the whole database. */
export async function dropNamespace(url: string, namespace: string): Promise<void> {
  // Only a namespace from uniqueNamespace: an empty or shared one would match a developer's own keys.
  if (!namespace.startsWith('test-'))
    throw new Error(`dropNamespace: not a test namespace: ${JSON.stringify(namespace)}`);
  const { createClient } = await import('@redis/client');
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 500 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } finally {
    await client.close();
  }
}

export function uniqueNamespace(prefix: string): string {
  return `test-${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A redis-server of the test's own, on its own port, that the test can stop and start again: with its data kept in
 * an AOF, or (`persistent: false`) restarting empty, as a Redis without persistence does.
 */
export class OwnRedis {
  private process: import('node:child_process').ChildProcess | undefined;

  constructor(
    readonly port: number,
    readonly dir: string,
    private readonly options: { persistent?: boolean } = {},
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const { spawn } = await import('node:child_process');
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        this.options.persistent === false ? 'no' : 'yes',
        '--save',
        '',
      ],
      {
        stdio: 'ignore',
      },
    );
    await until(`redis-server on ${this.port} to start`, () => answers(this.url), { timeoutMs: 10_000 });
  }

  /** Sends the server a signal: SIGSTOP freezes it (connections stay open, nothing answers), SIGCONT resumes it. */
  signal(signal: NodeJS.Signals): void {
    if (!this.process?.kill(signal)) throw new Error(`redis-server on ${this.port}: ${signal} not delivered`);
  }

  /** The server process's state letter from /proc (`T` while stopped). */
  state(): string | undefined {
    return readFileSync(`/proc/${this.process?.pid}/stat`, 'utf8').split(') ')[1]?.[0];
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export async function redisServerInstalled(suite: string): Promise<boolean> {
  const { spawnSync } = await import('node:child_process');
  if (spawnSync('redis-server', ['--version']).status === 0) return true;
  if (process.env.CI === 'true')
    throw new Error(`${suite}: redis-server is not installed, and CI=true requires it`);
  console.warn(`NOTICE: skipping "${suite}": redis-server is not installed`);
  return false;
}
