/**
 * The process: read the environment once, build the logger, start the bot, and handle signals.
 * SIGTERM/SIGINT stop polling, finish work in flight within a bound, close the store and exit 0;
 * a second signal exits at once.
 */
import { pino } from 'pino';
import { createLogger } from './adapters/log/logger.js';
import { start } from './compose/start.js';
import { type Config, loadConfig } from './config.js';
import { describeError, isBotError } from './core/errors.js';

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
  // In console mode stdout carries the human-readable change lines, so JSON logs go to stderr.
  const { botToken, appToken, signingSecret, clientSecret, stateSecret } = config.slack;
  const secrets = [
    botToken,
    appToken,
    signingSecret,
    clientSecret,
    stateSecret,
    config.probes?.backend?.secretKey,
  ];
  const log = createLogger(
    config.logLevel,
    pino.destination(config.slack.mode === 'console' ? 2 : 1),
    secrets,
  );
  const bot = await start(config, log);
  bot.startSchedule();

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
    await bot.stop();
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
