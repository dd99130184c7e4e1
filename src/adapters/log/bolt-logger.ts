/** Bolt and the Slack SDK log through pino, so the whole process writes one JSON format. */
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from 'pino';
import { scrubSecrets } from './logger.js';

function message(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => !(p instanceof Error))
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return { msg: scrubSecrets(msg), ...(err ? { err } : {}) };
}

export function boltLogger(root: Logger, name = 'slack'): SlackLogger {
  let child = root.child({ component: name });
  let level = LogLevel.INFO;
  const log = (method: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    const { msg, err } = message(parts);
    if (err) child[method]({ err }, msg);
    else child[method](msg);
  };
  return {
    debug: (...parts: unknown[]) => log('debug', parts),
    info: (...parts: unknown[]) => log('info', parts),
    warn: (...parts: unknown[]) => log('warn', parts),
    error: (...parts: unknown[]) => log('error', parts),
    // The root logger's level (LOG_LEVEL) governs; Bolt's own default must not make logs chattier.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      child = root.child({ component: next });
    },
  };
}
