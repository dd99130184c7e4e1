/**
 * The composition root: builds the adapters, hands them to the use cases, and starts receiving. Wiring only;
 * every decision lives in src/core (what to say) or src/app (when and to whom). main.ts runs it as a process,
 * and integration tests run this very composition on loopback.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ConsoleSink } from './adapters/console-sink.js';
import { type OperationalRoutes, operationalRoutes } from './adapters/http/routes.js';
import { startHttpServer } from './adapters/http/server.js';
import { boltLogger } from './adapters/log/bolt-logger.js';
import { Metrics } from './adapters/metrics.js';
import { PollScheduler } from './adapters/scheduler.js';
import { createSlackApp } from './adapters/slack/app.js';
import { StoreInstallationStore } from './adapters/slack/installation-store.js';
import { registerListeners } from './adapters/slack/listeners/index.js';
import type { PacingOptions } from './adapters/slack/pacer.js';
import { SlackSender } from './adapters/slack/sender.js';
import { WorkspaceClients } from './adapters/slack/workspace-clients.js';
import { StatusPageClient } from './adapters/status-page/client.js';
import { legacyStateFile } from './adapters/store/legacy-state-file.js';
import { openStore } from './adapters/store/open-store.js';
import { redactUrl } from './adapters/store/redis-store.js';
import { ChannelCommands } from './app/channel-commands.js';
import { ChannelSequence } from './app/deliver/channel-sequence.js';
import { DeliveryRecords } from './app/deliver/delivery-records.js';
import { DeliveryWorker } from './app/deliver/delivery-worker.js';
import { SlackDelivery } from './app/deliver/fan-out.js';
import { StepRunner } from './app/deliver/step-runner.js';
import { ThreadRepository } from './app/deliver/thread-repository.js';
import { AppHome } from './app/home.js';
import { LeaderLease } from './app/lease.js';
import { Outbox } from './app/outbox.js';
import { PollCycle } from './app/poll/poll-cycle.js';
import { PollTick } from './app/poll/tick.js';
import { type Clock, type EventSink, type Store, systemClock } from './app/ports.js';
import { readiness, statusReport } from './app/status-report.js';
import { SubscriptionRepo } from './app/subscriptions.js';
import { importLegacyState } from './app/upgrade/legacy-import.js';
import { WorkspaceLifecycle } from './app/workspace-lifecycle.js';
import type { Config } from './config.js';
import { incidentNow } from './core/detect/incidents.js';
import { renderConsoleBanner } from './core/render/console-banner.js';
import { type TimingPolicy, timingPolicy } from './core/timing.js';

export interface StartOptions {
  clock?: Clock;
  /** Where console mode writes its change lines (stdout by default). */
  consoleOut?: { write(text: string): unknown };
  /** Slack pacing (the benchmark loosens or tightens it). */
  pacing?: PacingOptions;
  /** Pause before retrying undelivered events. */
  deliveryRetryMs?: number;
  /** Slack call timeout. */
  slackTimeoutMs?: number;
}

export interface RunningBot {
  readonly port: number;
  readonly store: Store;
  readonly cycle: PollCycle;
  readonly subscriptions: SubscriptionRepo;
  readonly metrics: Metrics;
  /** Starts polling every POLL_INTERVAL_SECONDS, beginning now. */
  startSchedule(): void;
  /** Runs one tick now unless one is in flight (tests drive ticks by hand with this). */
  pollNow(): Promise<void>;
  /** Delivers what is queued, once; resolves with how many events are still pending. */
  deliverNow(): Promise<number>;
  /** How many events are queued and not yet delivered everywhere. */
  pendingEvents(): Promise<number>;
  stop(graceMs?: number): Promise<void>;
}

/** The state, the poller and the delivery worker: what every mode shares. */
interface Core {
  clock: Clock;
  metrics: Metrics;
  storeLabel: string;
  store: Store;
  source: StatusPageClient;
  subscriptions: SubscriptionRepo;
  outbox: Outbox;
  lease: LeaderLease;
  installations: StoreInstallationStore | undefined;
  workspaces: WorkspaceClients;
  cycle: PollCycle;
  home: AppHome;
}

/** The store and what lives on it, the status page client, and the per-workspace Slack clients. */
async function openState(config: Config, log: Logger, options: StartOptions, timing: TimingPolicy) {
  const store = await openStore(config.store, {
    onError: (error) => log.debug({ err: error }, 'redis client error'),
  });
  if (config.store.kind === 'sqlite') {
    // Store expiries are wall-clock, whatever clock the bot runs by.
    await importLegacyState(store, legacyStateFile(config.store.legacyPath), log, systemClock.now());
  }
  const installations = config.slack.oauth ? new StoreInstallationStore(store) : undefined;
  return {
    clock: options.clock ?? systemClock,
    metrics: new Metrics(),
    storeLabel:
      config.store.kind === 'sqlite' ? `sqlite ${config.store.path}` : `redis ${redactUrl(config.store.url)}`,
    store,
    source: new StatusPageClient({
      baseUrl: config.statusUrl,
      timeoutMs: timing.statusPageTimeoutMs,
      maxRetryWaitMs: timing.statusPageRetryWaitMs,
    }),
    subscriptions: new SubscriptionRepo(store),
    outbox: new Outbox(store),
    lease: new LeaderLease(store, timing.leaderLeaseMs, randomUUID()),
    installations,
    workspaces: new WorkspaceClients({
      source: installations ? { installations } : { botToken: config.slack.botToken ?? '' },
      apiUrl: config.slack.apiUrl,
      logger: boltLogger(log, 'slack-web-api'),
      timeoutMs: options.slackTimeoutMs ?? timing.slackCallTimeoutMs,
      ...(options.pacing ? { pacing: options.pacing } : {}),
    }),
  };
}

async function buildCore(
  config: Config,
  log: Logger,
  options: StartOptions,
  timing: TimingPolicy,
): Promise<Core & { worker: DeliveryWorker }> {
  const state = await openState(config, log, options, timing);
  const { clock, store, outbox, lease, metrics, subscriptions } = state;
  let worker: DeliveryWorker | undefined;
  const cycle = new PollCycle({
    ...{ source: state.source, store, outbox, clock, log, observer: metrics },
    maxUpdateAgeMs: config.maxUpdateAgeMs,
    unreachableAfter: timing.unreachableAfterFailures,
    onQueued: () => void worker?.kick(),
  });
  const home = new AppHome({
    ...{ clock, status: cycle, subscriptions, publisher: state.workspaces, log },
    statusPageUrl: config.statusUrl,
  });
  const core: Core = { ...state, cycle, home };
  const sink: EventSink =
    config.slack.mode === 'console'
      ? new ConsoleSink(options.consoleOut)
      : slackDelivery(core, config, log, timing);
  const retryMs = options.deliveryRetryMs ?? timing.deliveryRetryMs;
  worker = new DeliveryWorker(outbox, sink, log, retryMs, () => lease.isLeader);
  return { ...core, worker };
}

/** Slack delivery: fan-out → channel sequence → step runner, over the delivery records and thread states. */
function slackDelivery(core: Core, config: Config, log: Logger, timing: TimingPolicy): EventSink {
  const threads = new ThreadRepository(core.store);
  const steps = new StepRunner({
    records: new DeliveryRecords(core.store, randomUUID(), core.clock, timing.deliveryClaimMs),
    threads,
    sender: new SlackSender({
      workspaces: core.workspaces,
      onCall: (m, ms, outcome) => core.metrics.slackCall(m, ms, outcome),
    }),
    log,
    now: () => core.clock.now(),
    observer: core.metrics,
  });
  const sequence = new ChannelSequence({
    ...{ steps, threads, log, statusPageUrl: config.statusUrl },
    incidentNow: (id) => incidentNow(core.cycle.current().snapshot, id),
  });
  return new SlackDelivery({ subscriptions: core.subscriptions, sequence, log, observer: core.metrics });
}

/** Console mode's own HTTP server, or the Slack app (HTTP or Socket Mode) with its listeners. */
async function startTransport(
  core: Core,
  config: Config,
  log: Logger,
  timing: TimingPolicy,
  routes: OperationalRoutes[],
) {
  if (config.slack.mode === 'console') {
    const { server, port } = await startHttpServer(config.port, routes);
    return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }
  const slack = createSlackApp(
    { ...config.slack, mode: config.slack.mode, port: config.port },
    log,
    routes,
    core.installations,
  );
  const commands = new ChannelCommands({
    subscriptions: core.subscriptions,
    status: core.cycle,
    home: core.home,
    clock: core.clock,
    statusPageUrl: config.statusUrl,
    staleAfterMs: timing.staleAfterMs,
    adminUserIds: config.slack.adminUserIds,
    log,
  });
  const lifecycle = new WorkspaceLifecycle({
    subscriptions: core.subscriptions,
    home: core.home,
    ...(core.installations ? { installations: core.installations } : {}),
    log,
  });
  registerListeners(slack.app, { commands, home: core.home, lifecycle, log });
  return { port: await slack.start(), close: () => slack.stop() };
}

/** One log line that it started; in console mode, also a banner on stdout saying how to connect Slack. */
function announce(config: Config, log: Logger, options: StartOptions, port: number, store: string): void {
  log.info({ port, mode: config.slack.mode, store, statusUrl: config.statusUrl }, 'started');
  if (config.slack.mode !== 'console') return;
  const banner = { statusUrl: config.statusUrl, intervalSeconds: config.pollIntervalSeconds, port, store };
  (options.consoleOut ?? process.stdout).write(renderConsoleBanner(banner));
}

export async function start(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const timing = timingPolicy(config.pollIntervalSeconds);
  const core = await buildCore(config, log, options, timing);
  const { clock, store, cycle, worker, lease, metrics } = core;
  const startedAt = clock.now();
  await cycle.warmUp();
  const tick = new PollTick({
    lease,
    cycle,
    kickDelivery: () => void worker.kick(),
    refreshHome: () => core.home.refresh(),
    log,
    storeLabel: core.storeLabel,
    observer: metrics,
  });
  const scheduler = new PollScheduler(config.pollIntervalSeconds, () => tick.run());
  const routes = operationalRoutes({
    metrics,
    status: () =>
      statusReport({
        store,
        storeProblem: tick.storeProblem,
        now: clock.now(),
        staleAfterMs: timing.staleAfterMs,
        lastSuccessAt: cycle.lastSuccessAt,
        leader: lease.isLeader,
      }),
    readiness: () =>
      readiness({
        store,
        now: clock.now(),
        startedAt,
        intervalMs: config.pollIntervalSeconds * 1000,
        lastSuccessAt: cycle.lastSuccessAt,
      }),
  });
  const http = await startTransport(core, config, log, timing, routes);
  announce(config, log, options, http.port, core.storeLabel);
  return {
    port: http.port,
    store,
    cycle,
    subscriptions: core.subscriptions,
    metrics,
    startSchedule: () => scheduler.start(),
    pollNow: () => scheduler.runNow(),
    deliverNow: () => worker.drainOnce(),
    pendingEvents: async () => (await core.outbox.pending()).length,
    // Stop taking requests and ticks, let deliveries in flight finish within the grace, release the lease so
    // another replica takes over at once, then close. What is not delivered stays queued for the next run.
    async stop(graceMs = timing.shutdownDeliveryGraceMs) {
      await Promise.all([http.close(), scheduler.stop()]);
      await worker.stop(graceMs);
      await lease.release().catch(() => undefined);
      await core.source.close();
      await store.close();
    },
  };
}
