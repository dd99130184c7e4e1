/**
 * Composition root: config → logger → store → status source → poller → sink → HTTP → schedule, and
 * signals. Every dependency is built here and passed down; nothing below reads the environment.
 */
import { pino } from 'pino';
import { operationalRoutes } from './adapters/http/routes.js';
import { startHttpServer } from './adapters/http/server.js';
import { createLogger } from './adapters/log/logger.js';
import { Metrics } from './adapters/metrics.js';
import { StatusPageClient } from './adapters/status-page/client.js';
import { openStore } from './adapters/store/open-store.js';
import { redactUrl } from './adapters/store/redis-store.js';
import { type Config, loadConfig } from './config.js';
import { renderConsoleBanner } from './core/render/console-banner.js';
import { describeError, isBotError } from './errors.js';
import { ConsoleSink } from './shell/console-sink.js';
import { readiness } from './shell/health.js';
import { PollCycle } from './shell/poll-cycle.js';
import { systemClock } from './shell/ports.js';
import { PollScheduler } from './shell/scheduler.js';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${isBotError(error, 'CONFIG_INVALID') ? error.message : describeError(error)}\n`);
    process.stderr.write('Fix the variables above (see .env.example) and start again.\n');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const consoleMode = config.slack.mode === 'console';
  // In console mode stdout carries the human-readable change lines, so JSON logs go to stderr.
  const log = createLogger(config.logLevel, consoleMode ? pino.destination(2) : pino.destination(1));
  const startedAt = Date.now();
  const metrics = new Metrics();
  const storeLabel =
    config.store.kind === 'file' ? `file ${config.store.path}` : `redis ${redactUrl(config.store.url)}`;

  const store = await openStore(config.store, {
    onError: (error) => log.debug({ err: error }, 'redis client error'),
  });
  const source = new StatusPageClient({
    baseUrl: config.statusUrl,
    timeoutMs: Math.min(10_000, Math.max(2_000, config.pollIntervalSeconds * 800)),
    maxRetryWaitMs: Math.min(5_000, config.pollIntervalSeconds * 500),
  });
  const sink = new ConsoleSink();
  const cycle = new PollCycle({
    source,
    store,
    clock: systemClock,
    sink,
    log,
    maxUpdateAgeMs: config.maxUpdateAgeMs,
    observer: metrics,
  });
  await cycle.warmUp();

  const scheduler = new PollScheduler(config.pollIntervalSeconds, async () => {
    try {
      await cycle.run();
    } catch (error) {
      log.error(
        { code: isBotError(error) ? error.code : undefined, err: error },
        'poll cycle failed; will retry next tick',
      );
    }
  });

  const routes = operationalRoutes({
    metrics,
    readiness: () =>
      readiness({
        store,
        now: Date.now(),
        startedAt,
        intervalMs: config.pollIntervalSeconds * 1000,
        lastSuccessAt: cycle.lastSuccessAt,
      }),
  });
  const http = await startHttpServer(config.port, routes);
  log.info(
    { port: http.port, mode: config.slack.mode, store: storeLabel, statusUrl: config.statusUrl },
    'started',
  );
  if (consoleMode) {
    process.stdout.write(
      renderConsoleBanner({
        statusUrl: config.statusUrl,
        intervalSeconds: config.pollIntervalSeconds,
        port: http.port,
        store: storeLabel,
      }),
    );
  }
  scheduler.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    await scheduler.stop();
    await new Promise<void>((resolve) => http.server.close(() => resolve()));
    await source.close();
    await store.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`clerk-status-bot failed to start: ${describeError(error)}\n`);
  process.exit(1);
});
