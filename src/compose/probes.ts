/**
 * The early warning's wiring: the probe client, the control check, the probe cycle and its own schedule
 * (PROBE_INTERVAL_SECONDS, apart from the poll, so a hanging Clerk never delays polling or delivery). Absent unless
 * CLERK_PUBLISHABLE_KEY is set, and then loaded: a bot without probes never loads their code.
 */
import type { Logger } from 'pino';
import type { Metrics } from '../adapters/metrics.js';
import { ProbeRounds } from '../app/early-warning/probe-rounds.js';
import type { LeaderLease } from '../app/lease.js';
import type { Outbox } from '../app/outbox.js';
import type { PollCycle } from '../app/poll/poll-cycle.js';
import type { Clock } from '../app/ports/observability.js';
import type { Store } from '../app/ports/store.js';
import type { Config, ProbeConfig } from '../config.js';
import type { EarlyWarning, ProbeTargets } from './runtime.js';

export function probeTargets(probes: ProbeConfig): ProbeTargets {
  return {
    frontendApiUrl: probes.frontendApiUrl,
    ...(probes.backend ? { backendApiUrl: probes.backend.apiUrl } : {}),
    intervalSeconds: probes.intervalSeconds,
  };
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

/** Where the control check looks when every probe fails: the status page, and Slack in the Slack modes. */
function controlUrls(config: Config): string[] {
  return [
    `${config.statusUrl}/api/v2/summary.json`,
    ...(config.slack.mode === 'console' ? [] : [`${config.slack.apiUrl}api.test`]),
  ];
}

export async function earlyWarning(
  config: Config,
  log: Logger,
  parts: EarlyWarningParts,
): Promise<EarlyWarning | undefined> {
  const probes = config.probes;
  if (!probes) return undefined;
  const [{ HttpControlCheck }, { ClerkProbeClient }, { PollScheduler }, { ProbeCycle }, { probeThresholds }] =
    await Promise.all([
      import('../adapters/clerk/control-check.js'),
      import('../adapters/clerk/probe-client.js'),
      import('../adapters/scheduler.js'),
      import('../app/early-warning/probe-cycle.js'),
      import('../core/early-warning/thresholds.js'),
    ]);
  const thresholds = probeThresholds(probes.intervalSeconds);
  const prober = new ClerkProbeClient({
    frontendApiUrl: probes.frontendApiUrl,
    ...(probes.backend ? { backend: probes.backend } : {}),
    timeoutMs: thresholds.timeoutMs,
    slowMs: thresholds.slowMs,
    usersCountEveryMs: thresholds.usersCountEveryMs,
  });
  const control = new HttpControlCheck(controlUrls(config), thresholds.timeoutMs);
  const rounds = new ProbeRounds(() => parts.clock.now());
  const cycle = new ProbeCycle({
    prober,
    control,
    store: parts.store,
    outbox: parts.outbox,
    clock: parts.clock,
    thresholds,
    log: log.child({ component: 'early-warning' }),
    page: () => parts.poll.current().snapshot,
    isLeader: () => parts.lease.isLeader,
    observer: rounds.observing(parts.metrics),
    onQueued: parts.kickDelivery,
    onChanged: parts.refreshHome,
  });
  const scheduler = new PollScheduler(probes.intervalSeconds, () => cycle.run(), { name: 'clerk-probe' });
  return {
    targets: probeTargets(probes),
    cycle,
    query: { current: () => cycle.latest },
    rounds,
    scheduler,
    close: async () => {
      await scheduler.stop();
      await Promise.all([prober.close(), control.close()]);
    },
  };
}
