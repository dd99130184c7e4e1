import type { Logger } from 'pino';
import type { Snapshot } from '../../../core/model.js';
import type { HomeRefresher } from '../../../shell/home-refresher.js';
import type { Clock } from '../../../shell/ports.js';
import type { SubscriptionRepo } from '../../../shell/subscriptions.js';

/** What every listener may use; built once in main.ts. */
export interface ListenerDeps {
  subscriptions: SubscriptionRepo;
  /** The poller's latest snapshot and last good poll, from memory: never fetched on the request path. */
  status: () => { snapshot: Snapshot | undefined; lastCheckedAt: string | undefined };
  clock: Clock;
  statusPageUrl: string;
  staleAfterMs: number;
  adminUserIds: string[];
  home: HomeRefresher;
  log: Logger;
}
