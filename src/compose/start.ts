/**
 * The composition root's entry: builds the runtime, its destinations and delivery worker, the poll tick, the
 * HTTP routes and (in the Slack modes) the Slack app, then starts receiving. Wiring only; every decision lives in
 * src/core (what to say) or src/app (when and to whom). main.ts runs it as a process, and tests, the simulator and
 * the benchmarks run this very composition on loopback.
 */
import type { Logger } from 'pino';
import { PollScheduler } from '../adapters/scheduler.js';
import { DeliveryWorker } from '../app/deliver/delivery-worker.js';
import { PollTick } from '../app/poll/tick.js';
import type { Config } from '../config.js';
import { renderConsoleBanner } from '../core/render/console-banner.js';
import { timingPolicy } from '../core/timing.js';
import { buildDestinations } from './destinations/index.js';
import { consoleTransport, healthRoutes, metricsServer } from './http.js';
import { probeTargets } from './probes.js';
import type { BuiltDestination, RunningBot, Runtime, StartOptions } from './runtime.js';
import { buildRuntime } from './state.js';

export type { RunningBot, StartOptions } from './runtime.js';

/** One log line that it started; in console mode, also a banner on stdout saying how to connect Slack. */
function announce(rt: Runtime, port: number): void {
  const { config, log } = rt;
  const probes = config.probes && probeTargets(config.probes);
  log.info(
    {
      port,
      mode: config.slack.mode,
      store: rt.storeLabel,
      statusUrl: config.statusUrl,
      ...(probes ? { probes } : {}),
    },
    'started',
  );
  if (config.slack.mode !== 'console') return;
  const banner = {
    statusUrl: config.statusUrl,
    intervalSeconds: config.pollIntervalSeconds,
    port,
    store: rt.storeLabel,
  };
  (rt.options.consoleOut ?? process.stdout).write(renderConsoleBanner(banner));
}

/** The delivery worker over every destination; its lanes answer the delivery doorbell. */
function deliveryWorker(rt: Runtime, destinations: BuiltDestination[]): DeliveryWorker {
  const worker = new DeliveryWorker(
    rt.outbox,
    destinations.map((d) => d.destination),
    {
      log: rt.log,
      retryDelayMs: rt.options.deliveryRetryMs ?? rt.timing.deliveryRetryMs,
      shouldRun: () => rt.lease.isLeader,
      afterPass: () => {
        for (const d of destinations) d.sideLane?.kick();
      },
    },
  );
  rt.delivery.answer(() => void worker.kick());
  return worker;
}

/** The tick the poll scheduler runs: lease, then poll or follow, then delivery and App Home. */
function pollTick(rt: Runtime, destinations: BuiltDestination[]): PollTick {
  const { clock, cycle } = rt;
  return new PollTick({
    afterPoll: async () => {
      await rt.held.release(clock.now(), cycle.current().snapshot);
      await rt.reminders.queueDue(clock.now(), cycle.current().snapshot);
      await rt.history.record(cycle.current().snapshot, clock.now());
    },
    lease: rt.lease,
    cycle,
    kickDelivery: () => rt.delivery.ring(),
    refreshHome: () => rt.home.refresh(),
    onPolled: () => {
      const at = new Date(clock.now()).toISOString();
      for (const d of destinations) d.polled?.(cycle.current().snapshot, at);
    },
    log: rt.log,
    storeLabel: rt.storeLabel,
    observer: rt.metrics,
    epoch: rt.epoch,
    now: () => clock.now(),
  });
}

/** Slack's app in the Slack modes, console mode's own server otherwise: the port requests arrive on. */
async function transport(rt: Runtime, routes: Parameters<typeof consoleTransport>[1]) {
  if (!rt.slack) return consoleTransport(rt.config.port, routes);
  const { startSlack } = await import('./slack.js');
  return startSlack(rt, rt.slack, routes);
}

/** The poll's schedule, which says when the wall clock jumped (the schedule is then re-derived). */
function pollScheduler(config: Config, log: Logger, tick: () => Promise<void>): PollScheduler {
  return new PollScheduler(config.pollIntervalSeconds, tick, {
    onClockJump: (ms) =>
      log.warn(
        { jumpedMs: ms },
        `the wall clock jumped ${ms > 0 ? 'forward' : 'back'} ${Math.abs(Math.round(ms / 1000))} s; the poll schedule was re-derived from the clock as it now reads`,
      ),
  });
}

function startSchedules(rt: Runtime, poll: PollScheduler): void {
  poll.start();
  rt.earlyWarning?.scheduler.start();
  void rt.ownChecks
    ?.start()
    .catch((error: unknown) => rt.log.error({ err: error }, 'own checks did not start'));
}

async function stopSchedules(rt: Runtime, poll: PollScheduler): Promise<void> {
  await Promise.all([poll.stop(), rt.earlyWarning?.scheduler.stop(), rt.ownChecks?.stop()]);
}

export async function start(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const rt = await buildRuntime(config, log, options, timingPolicy(config.pollIntervalSeconds));
  const destinations = buildDestinations(rt);
  const worker = deliveryWorker(rt, destinations);
  const lanes = destinations.flatMap((d) => (d.sideLane ? [d.sideLane] : []));
  const startedAt = rt.clock.now();
  await rt.cycle.warmUp();
  const tick = pollTick(rt, destinations);
  const scheduler = pollScheduler(config, log, () => tick.run());
  let started = false;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const pending = async () => ({
    events: (await rt.outbox.pending()).length,
    edits: sum(await Promise.all(lanes.map((l) => l.waiting()))),
  });
  const routes = healthRoutes(rt, tick, { startedAt, started: () => started }, pending);
  const split = await metricsServer(config, routes);
  const http = await transport(rt, split.main);
  started = true;
  announce(rt, http.port);
  return {
    port: http.port,
    ...(split.port !== undefined ? { metricsPort: split.port } : {}),
    store: rt.store,
    cycle: rt.cycle,
    subscriptions: rt.subscriptions,
    metrics: rt.metrics,
    startSchedule: () => startSchedules(rt, scheduler),
    pollNow: () => scheduler.runNow(),
    probeNow: async () => rt.earlyWarning?.scheduler.runNow(),
    checkNow: async () => rt.ownChecks?.runAllNow(),
    deliverNow: async () =>
      (await worker.drainOnce()) + sum(await Promise.all(lanes.map((l) => l.drainOnce()))),
    pendingEvents: async () => {
      const { events, edits } = await pending();
      return events + edits;
    },
    // Stop taking requests and ticks, let deliveries in flight finish within the grace, release the lease so
    // another replica takes over at once, then close. What is not delivered stays queued for the next run.
    async stop(graceMs = rt.timing.shutdownDeliveryGraceMs) {
      await Promise.all([http.close(), split.close(), stopSchedules(rt, scheduler)]);
      await worker.stop(graceMs);
      await Promise.all(lanes.map((l) => l.stop()));
      await Promise.all(destinations.map((d) => d.close?.()));
      await rt.lease.release().catch(() => undefined);
      await rt.source.close();
      await rt.earlyWarning?.close();
      await rt.store.close();
    },
  };
}
