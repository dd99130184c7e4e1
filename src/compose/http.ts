/**
 * The HTTP part: console mode's own server, /healthz, /readyz, /status and /metrics over what the bot knows in
 * memory, and the separate metrics port. Wiring only.
 */
import { type OperationalRoutes, operationalRoutes } from '../adapters/http/routes.js';
import { startHttpServer } from '../adapters/http/server.js';
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
  return operationalRoutes({
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
}

/** The probes as /status shows them: their targets (never a key) and what they see. */
function probeStatus(warning: EarlyWarning | undefined) {
  return warning ? { probes: { ...warning.targets, state: warning.cycle.latest } } : {};
}

/** With METRICS_PORT, /metrics and /status move to a port of their own; the health probes stay on PORT. */
export async function metricsServer(config: Config, routes: OperationalRoutes[]) {
  const isMetrics = (r: OperationalRoutes) => r.path === '/metrics' || r.path === '/status';
  if (config.metricsPort === undefined) return { main: routes, port: undefined, close: async () => {} };
  const { server, port } = await startHttpServer(config.metricsPort, routes.filter(isMetrics));
  return {
    main: routes.filter((r) => !isMetrics(r)),
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
