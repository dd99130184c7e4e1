/**
 * The composition root's early-warning part: the probe client, the control check, the probe cycle and its own
 * schedule (PROBE_INTERVAL_SECONDS, apart from the poll, so a hanging Clerk never delays polling or delivery).
 * Wiring only; absent unless CLERK_PUBLISHABLE_KEY is set.
 */
import type { Logger } from 'pino';
import { HttpControlCheck } from './adapters/clerk/control-check.js';
import { ClerkProbeClient } from './adapters/clerk/probe-client.js';
import type { Metrics } from './adapters/metrics.js';
import { PollScheduler } from './adapters/scheduler.js';
import { ProbeCycle } from './app/early-warning/probe-cycle.js';
import type { LeaderLease } from './app/lease.js';
import type { Outbox } from './app/outbox.js';
import type { PollCycle } from './app/poll/poll-cycle.js';
import type { Clock, ProbeQuery, Store } from './app/ports.js';
import type { Config, ProbeConfig } from './config.js';
import { probeThresholds } from './core/early-warning/thresholds.js';

/** What the probes target, as the start line and /status show it: URLs and interval, never a key. */
export interface ProbeTargets {
  frontendApiUrl: string;
  backendApiUrl?: string;
  intervalSeconds: number;
}

export function probeTargets(probes: ProbeConfig): ProbeTargets {
  return {
    frontendApiUrl: probes.frontendApiUrl,
    ...(probes.backend ? { backendApiUrl: probes.backend.apiUrl } : {}),
    intervalSeconds: probes.intervalSeconds,
  };
}

export interface EarlyWarning {
  targets: ProbeTargets;
  cycle: ProbeCycle;
  /** What the probes see now, for commands and App Home. */
  query: ProbeQuery;
  scheduler: PollScheduler;
  close(): Promise<void>;
}

export interface EarlyWarningParts {
  store: Store;
  outbox: Outbox;
  clock: Clock;
  lease: LeaderLease;
  poll: PollCycle;
  metrics: Metrics;
  kickDelivery: () => void;
  /** Republishes open App Home tabs. */
  refreshHome: () => void;
}

export function earlyWarning(
  config: Config,
  log: Logger,
  parts: EarlyWarningParts,
): EarlyWarning | undefined {
  const probes = config.probes;
  if (!probes) return undefined;
  const thresholds = probeThresholds(probes.intervalSeconds);
  const prober = new ClerkProbeClient({
    frontendApiUrl: probes.frontendApiUrl,
    ...(probes.backend ? { backend: probes.backend } : {}),
    timeoutMs: thresholds.timeoutMs,
    slowMs: thresholds.slowMs,
    usersCountEveryMs: thresholds.usersCountEveryMs,
  });
  const controlUrls = [
    `${config.statusUrl}/api/v2/summary.json`,
    ...(config.slack.mode === 'console' ? [] : [`${config.slack.apiUrl}api.test`]),
  ];
  const control = new HttpControlCheck(controlUrls, thresholds.timeoutMs);
  const cycle = new ProbeCycle({
    ...{ prober, control, store: parts.store, outbox: parts.outbox, clock: parts.clock, thresholds },
    log: log.child({ component: 'early-warning' }),
    page: () => parts.poll.current().snapshot,
    isLeader: () => parts.lease.isLeader,
    observer: parts.metrics,
    onQueued: parts.kickDelivery,
    onChanged: parts.refreshHome,
  });
  const scheduler = new PollScheduler(probes.intervalSeconds, () => cycle.run(), undefined, 'clerk-probe');
  return {
    targets: probeTargets(probes),
    cycle,
    query: { current: () => cycle.latest },
    scheduler,
    close: async () => {
      await scheduler.stop();
      await Promise.all([prober.close(), control.close()]);
    },
  };
}
