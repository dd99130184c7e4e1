/**
 * Tests that need Redis run whenever 127.0.0.1:6379 answers, are required when CI=true, and otherwise
 * skip with a printed notice (never silently).
 */
import { connect } from 'node:net';

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

export function uniqueNamespace(prefix: string): string {
  return `test-${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
