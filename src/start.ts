/**
 * The composition root: builds the adapters, hands them to the use cases, and starts receiving. Wiring only;
 * every decision lives in src/core (what to say) or src/app (when and to whom). main.ts runs it as a process,
 * and integration tests run this very composition on loopback.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ConsoleSink } from './adapters/console-sink.js';
import { boltLogger } from './adapters/log/bolt-logger.js';
import { Metrics } from './adapters/metrics.js';
import { PollScheduler } from './adapters/scheduler.js';
import { StoreInstallationStore } from './adapters/slack/installation-store.js';
import type { PacingOptions } from './adapters/slack/pacer.js';
import { WorkspaceClients } from './adapters/slack/workspace-clients.js';
import { StatusPageClient } from './adapters/status-page/client.js';
import { legacyStateFile } from './adapters/store/legacy-state-file.js';
import { openStore } from './adapters/store/open-store.js';
import { redactUrl } from './adapters/store/redis-store.js';
import { DeliveryWorker } from './app/deliver/delivery-worker.js';
import type { EditLane } from './app/deliver/edit-lane.js';
import { SlackConfigProblems } from './app/deliver/slack-config.js';
import type { WarningVotes } from './app/early-warning/votes.js';
import { AppHome } from './app/home.js';
import { LeaderLease } from './app/lease.js';
import { Outbox } from './app/outbox.js';
import { PollCycle } from './app/poll/poll-cycle.js';
import { PollTick } from './app/poll/tick.js';
import { type Clock, type EventSink, type Store, systemClock } from './app/ports.js';
import { SubscriptionRepo } from './app/subscriptions.js';
import { importLegacyState } from './app/upgrade/legacy-import.js';
import type { Config } from './config.js';
import { renderConsoleBanner } from './core/render/console-banner.js';
import { type TimingPolicy, timingPolicy } from './core/timing.js';
import { consoleTransport, healthRoutes, metricsServer } from './start-http.js';
import { earlyWarning, probeTargets } from './start-probes.js';
import { type Core, slackDelivery, startSlack } from './start-slack.js';

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
  /** Where /metrics and /status are served, when METRICS_PORT moved them off `port`. */
  readonly metricsPort?: number;
  readonly store: Store;
  readonly cycle: PollCycle;
  readonly subscriptions: SubscriptionRepo;
  readonly metrics: Metrics;
  /** Starts polling every POLL_INTERVAL_SECONDS, beginning now. */
  startSchedule(): void;
  /** Runs one tick now unless one is in flight (tests drive ticks by hand with this). */
  pollNow(): Promise<void>;
  /** Runs one early-warning probe round now (no-op when the probes are off). */
  probeNow(): Promise<void>;
  /** Delivers what is queued (posts, then edits), once; resolves with how many events and edits still wait. */
  deliverNow(): Promise<number>;
  /** How many events (and parent edits) are queued and not yet delivered everywhere. */
  pendingEvents(): Promise<number>;
  stop(graceMs?: number): Promise<void>;
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

/** What every mode shares, with the delivery worker and (in Slack modes) the edit lane and the vote use case. */
type BuiltCore = Core & {
  worker: DeliveryWorker;
  edits: EditLane | undefined;
  votes: WarningVotes | undefined;
  consoleSink: ConsoleSink | undefined;
};

async function buildCore(
  config: Config,
  log: Logger,
  options: StartOptions,
  timing: TimingPolicy,
): Promise<BuiltCore> {
  const state = await openState(config, log, options, timing);
  const { clock, store, outbox, lease, metrics, subscriptions } = state;
  let worker: DeliveryWorker | undefined;
  const cycle = new PollCycle({
    ...{ source: state.source, store, outbox, clock, log, observer: metrics },
    maxUpdateAgeMs: config.maxUpdateAgeMs,
    statusUrl: config.statusUrl,
    unreachableAfter: timing.unreachableAfterFailures,
    onQueued: () => void worker?.kick(),
  });
  const warning = earlyWarning(config, log, {
    ...{ store, outbox, clock, lease, poll: cycle, metrics },
    kickDelivery: () => void worker?.kick(),
    refreshHome: () => void home.refresh(),
  });
  const home = new AppHome({
    ...{ clock, status: cycle, subscriptions, publisher: state.workspaces, log },
    statusPageUrl: config.statusUrl,
    ...(warning ? { probes: warning.query } : {}),
  });
  const core: Core = {
    ...state,
    cycle,
    home,
    ...(warning ? { earlyWarning: warning } : {}),
    slackConfig: new SlackConfigProblems(log, () => clock.now()),
    kickDelivery: () => void worker?.kick(),
  };
  const retryMs = options.deliveryRetryMs ?? timing.deliveryRetryMs;
  const slackTimeoutMs = options.slackTimeoutMs ?? timing.slackCallTimeoutMs;
  const slack =
    config.slack.mode === 'console'
      ? undefined
      : slackDelivery(core, config, log, timing, { retryMs, slackTimeoutMs });
  const consoleSink = slack ? undefined : new ConsoleSink(options.consoleOut);
  const sink: EventSink = slack?.sink ?? (consoleSink as ConsoleSink);
  const kickEdits = () => slack?.edits.kick();
  worker = new DeliveryWorker(outbox, sink, log, retryMs, () => lease.isLeader, kickEdits);
  return { ...core, worker, edits: slack?.edits, votes: slack?.votes, consoleSink };
}

/** One log line that it started; in console mode, also a banner on stdout saying how to connect Slack. */
function announce(config: Config, log: Logger, options: StartOptions, port: number, store: string): void {
  const probes = config.probes && probeTargets(config.probes);
  log.info(
    { port, mode: config.slack.mode, store, statusUrl: config.statusUrl, ...(probes ? { probes } : {}) },
    'started',
  );
  if (config.slack.mode !== 'console') return;
  const banner = { statusUrl: config.statusUrl, intervalSeconds: config.pollIntervalSeconds, port, store };
  (options.consoleOut ?? process.stdout).write(renderConsoleBanner(banner));
}

/** The tick the poll scheduler runs: lease, then poll or follow, then delivery and App Home. */
function pollTick(core: BuiltCore, log: Logger): PollTick {
  const { clock, cycle, worker } = core;
  return new PollTick({
    lease: core.lease,
    cycle,
    kickDelivery: () => void worker.kick(),
    refreshHome: () => core.home.refresh(),
    onPolled: () => core.consoleSink?.polled(cycle.current().snapshot, new Date(clock.now()).toISOString()),
    log,
    storeLabel: core.storeLabel,
    observer: core.metrics,
    now: () => clock.now(),
  });
}

export async function start(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const timing = timingPolicy(config.pollIntervalSeconds);
  const core = await buildCore(config, log, options, timing);
  const { clock, store, cycle, worker, lease, metrics } = core;
  const startedAt = clock.now();
  await cycle.warmUp();
  const tick = pollTick(core, log);
  const scheduler = new PollScheduler(config.pollIntervalSeconds, () => tick.run());
  let started = false;
  const split = await metricsServer(
    config,
    healthRoutes(core, tick, config, timing, { startedAt, started: () => started }),
  );
  const routes = split.main;
  const { mode } = config.slack;
  const http =
    mode === 'console'
      ? await consoleTransport(config.port, routes)
      : await startSlack(
          core,
          { ...config.slack, mode },
          { config, log, timing, routes, votes: core.votes as WarningVotes },
        );
  started = true;
  announce(config, log, options, http.port, core.storeLabel);
  return {
    port: http.port,
    ...(split.port !== undefined ? { metricsPort: split.port } : {}),
    store,
    cycle,
    subscriptions: core.subscriptions,
    metrics,
    startSchedule: () => {
      scheduler.start();
      core.earlyWarning?.scheduler.start();
    },
    pollNow: () => scheduler.runNow(),
    probeNow: async () => core.earlyWarning?.scheduler.runNow(),
    deliverNow: async () => (await worker.drainOnce()) + ((await core.edits?.drainOnce()) ?? 0),
    pendingEvents: async () => (await core.outbox.pending()).length + ((await core.edits?.waiting()) ?? 0),
    // Stop taking requests and ticks, let deliveries in flight finish within the grace, release the lease so
    // another replica takes over at once, then close. What is not delivered stays queued for the next run.
    async stop(graceMs = timing.shutdownDeliveryGraceMs) {
      await Promise.all([http.close(), split.close(), scheduler.stop(), core.earlyWarning?.scheduler.stop()]);
      await worker.stop(graceMs);
      await core.edits?.stop();
      await lease.release().catch(() => undefined);
      await core.source.close();
      await core.earlyWarning?.close();
      await store.close();
    },
  };
}
