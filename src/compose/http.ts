/**
 * The HTTP part: console mode's own server, /healthz, /readyz, /status and /metrics over what the bot knows in
 * memory, and the separate metrics port. Wiring only.
 */

import { dashboardRoutes } from '../adapters/http/dashboard-routes.js';
import { type OperationalRoutes, operationalRoutes } from '../adapters/http/routes.js';
import { startHttpServer } from '../adapters/http/server.js';
import { Dashboard } from '../app/dashboard.js';
import type { PollTick } from '../app/poll/tick.js';
import { liveness, type PendingDeliveries, readiness, statusReport } from '../app/status-report.js';
import type { Config } from '../config.js';
import type { EarlyWarning, Runtime } from './runtime.js';

/** Console mode's own HTTP server: the operational routes only. */
export async function consoleTransport(port: number, routes: OperationalRoutes[]) {
  const { server, port: bound } = await startHttpServer(port, routes);
  return { port: bound, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** /healthz, /readyz, /status and /metrics, over what the bot knows in memory. */
export function healthRoutes(
  core: Runtime,
  tick: PollTick,
  lifecycle: { startedAt: number; started: () => boolean },
  pending: () => Promise<PendingDeliveries>,
) {
  const { store, cycle, clock, config, timing } = core;
  const routes = operationalRoutes({
    metrics: core.metrics,
    status: () =>
      statusReport({
        store,
        storeProblem: tick.storeProblem,
        now: clock.now(),
        staleAfterMs: timing.staleAfterMs,
        lastSuccessAt: cycle.lastSuccessAt,
        leader: core.lease.isLeader,
        slackConfigErrors: core.slackConfig.list(),
        pending,
        watch: core.deliveryWatch,
        storeWarnings: core.storeWarnings,
        ...(core.ownChecks ? { checks: core.ownChecks.query } : {}),
        dataLostSince: core.epoch.lostSince,
        destinations: core.destinationBoard.list(),
        ...probeStatus(core.earlyWarning),
      }),
    liveness: () =>
      liveness({
        now: clock.now(),
        startedAt: lifecycle.startedAt,
        intervalMs: config.pollIntervalSeconds * 1000,
        lastTickAt: tick.lastStartedAt,
      }),
    readiness: () => readiness({ started: lifecycle.started(), mode: config.slack.mode }),
  });
  const page = dashboard(core);
  return [...routes, ...dashboardRoutes(() => page.data())];
}

/** The dashboard over what the bot knows: the page, the history, the probes and own checks where configured. */
function dashboard(core: Runtime): Dashboard {
  const warning = core.earlyWarning;
  return new Dashboard({
    status: core.cycle,
    history: core.history,
    now: () => core.clock.now(),
    ...(warning
      ? {
          probes: {
            frontendApiUrl: warning.targets.frontendApiUrl,
            query: warning.query,
            rounds: warning.rounds,
          },
        }
      : {}),
    ...(core.ownChecks ? { checks: core.ownChecks.query } : {}),
  });
}

/** The probes as /status shows them: their targets (never a key) and what they see. */
function probeStatus(warning: EarlyWarning | undefined) {
  return warning ? { probes: { ...warning.targets, state: warning.cycle.latest } } : {};
}

/** With METRICS_PORT, /metrics and /status move to a port of their own; the health probes stay on PORT. */
export async function metricsServer(config: Config, routes: OperationalRoutes[]) {
  // The dashboard goes with /status: operators' pages, kept off the public Slack port when METRICS_PORT is set.
  const isMetrics = (r: OperationalRoutes) =>
    ['/metrics', '/status', '/', '/dashboard.json', '/favicon.ico'].includes(r.path) ||
    r.path.startsWith('/assets/');
  if (config.metricsPort === undefined) return { main: routes, port: undefined, close: async () => {} };
  const { server, port } = await startHttpServer(config.metricsPort, routes.filter(isMetrics));
  return {
    main: routes.filter((r) => !isMetrics(r)),
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
