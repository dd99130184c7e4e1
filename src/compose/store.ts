/** Opening the store: what about its setup could lose data, the JSON-file upgrade, and its identity record. */
import type { Logger } from 'pino';
import { systemClock } from '../adapters/clock.js';
import type { Metrics } from '../adapters/metrics.js';
import { legacyStateFile } from '../adapters/store/legacy-state-file.js';
import { openStore } from '../adapters/store/open-store.js';
import { redactUrl } from '../adapters/store/redact-url.js';
import type { Clock } from '../app/ports/observability.js';
import { StoreEpoch } from '../app/store-epoch.js';
import { importLegacyState } from '../app/upgrade/legacy-import.js';
import type { Config } from '../config.js';

/** The store, what about its setup could lose data, and its identity record (a loss noticed at once). */
export async function openState(config: Config, log: Logger, clock: Clock, metrics: Metrics) {
  const label = storeLabel(config);
  // Shown in /status for as long as the process runs: what happened to the store's files while it ran, and what about
  // its setup could lose data.
  const warnings: string[] = [];
  const store = await openStore(config.store, {
    onError: (error) => log.debug({ err: error }, 'redis client error'),
    onFault: (message) => {
      warnings.push(message);
      log.error({ store: label }, message);
    },
  });
  // Said loudly, once, at start: a store set up to lose data (Redis evicting keys) is the operator's to fix.
  for (const warning of await store.warnings()) {
    warnings.push(warning);
    log.error({ store: label }, warning);
  }
  // Store expiries are wall-clock, whatever clock the bot runs by.
  if (config.store.kind === 'sqlite')
    await importLegacyState(store, legacyStateFile(config.store.legacyPath), log, systemClock.now());
  const epoch = new StoreEpoch({ store, now: () => clock.now(), log, observer: metrics });
  await epoch.begin();
  return { store, warnings, epoch };
}

export function storeLabel(config: Config): string {
  return config.store.kind === 'sqlite'
    ? `sqlite ${config.store.path}`
    : `redis ${redactUrl(config.store.url)}`;
}
