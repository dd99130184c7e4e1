/**
 * Composition: config → store → status source → poller → sink → Slack app or console → HTTP → schedule.
 * main.ts runs it as a process; integration tests run the very same composition on loopback.
 */

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { operationalRoutes } from './adapters/http/routes.js';
import { startHttpServer } from './adapters/http/server.js';
import { boltLogger } from './adapters/log/bolt-logger.js';
import { Metrics } from './adapters/metrics.js';
import { createSlackApp } from './adapters/slack/app.js';
import { StoreInstallationStore } from './adapters/slack/installation-store.js';
import { registerListeners } from './adapters/slack/listeners/index.js';
import type { PacingOptions } from './adapters/slack/pacer.js';
import { SlackSender } from './adapters/slack/sender.js';
import { WorkspaceClients } from './adapters/slack/workspace-clients.js';
import { StatusPageClient } from './adapters/status-page/client.js';
import { openStore } from './adapters/store/open-store.js';
import { redactUrl } from './adapters/store/redis-store.js';
import type { Config } from './config.js';
import { renderConsoleBanner } from './core/render/console-banner.js';
import { renderHomeView } from './core/render/home-view.js';
import { isBotError } from './errors.js';
import { ConsoleSink } from './shell/console-sink.js';
import { DeliveryRecords } from './shell/delivery-records.js';
import { DeliveryWorker } from './shell/delivery-worker.js';
import { readiness } from './shell/health.js';
import { HomeRefresher } from './shell/home-refresher.js';
import { LeaderLease } from './shell/leader.js';
import { Outbox } from './shell/outbox.js';
import { PollCycle } from './shell/poll-cycle.js';
import { type Clock, type EventSink, type Store, systemClock } from './shell/ports.js';
import { PollScheduler } from './shell/scheduler.js';
import { SlackDelivery } from './shell/slack-delivery.js';
import { SubscriptionRepo } from './shell/subscriptions.js';

export interface BotOptions {
  clock?: Clock;
  /** Where console mode writes its change lines (stdout by default). */
  consoleOut?: { write(text: string): unknown };
  /** Slack pacing (the benchmark loosens or tightens it). */
  pacing?: PacingOptions;
  /** Pause before retrying undelivered events (default 2 s). */
  deliveryRetryMs?: number;
  /** Slack call timeout (default 10 s). */
  slackTimeoutMs?: number;
}

export interface Bot {
  readonly port: number;
  readonly store: Store;
  readonly cycle: PollCycle;
  readonly subscriptions: SubscriptionRepo;
  readonly metrics: Metrics;
  /** Starts polling every POLL_INTERVAL_SECONDS, beginning now. */
  startSchedule(): void;
  /** Runs one poll now unless one is in flight (tests drive polls by hand with this). */
  pollNow(): Promise<void>;
  /** Delivers what is queued, once; resolves with how many events are still pending. */
  deliverNow(): Promise<number>;
  /** How many events are queued and not yet delivered everywhere. */
  pendingEvents(): Promise<number>;
  stop(graceMs?: number): Promise<void>;
}

export async function startBot(config: Config, log: Logger, options: BotOptions = {}): Promise<Bot> {
  const clock = options.clock ?? systemClock;
  const consoleMode = config.slack.mode === 'console';
  const startedAt = clock.now();
  const intervalMs = config.pollIntervalSeconds * 1000;
  const metrics = new Metrics();
  const storeLabel =
    config.store.kind === 'file' ? `file ${config.store.path}` : `redis ${redactUrl(config.store.url)}`;

  const store = await openStore(config.store, {
    onError: (error) => log.debug({ err: error }, 'redis client error'),
  });
  const source = new StatusPageClient({
    baseUrl: config.statusUrl,
    timeoutMs: Math.min(10_000, Math.max(2_000, config.pollIntervalSeconds * 800)),
    maxRetryWaitMs: Math.min(5_000, config.pollIntervalSeconds * 500),
  });
  const subscriptions = new SubscriptionRepo(store);
  const routes = operationalRoutes({
    metrics,
    readiness: () =>
      readiness({ store, now: clock.now(), startedAt, intervalMs, lastSuccessAt: cycle.lastSuccessAt }),
  });
  const installations = config.slack.oauth ? new StoreInstallationStore(store) : undefined;
  const slack = consoleMode ? undefined : createSlackApp(config, log, routes, installations);
  const workspaces = new WorkspaceClients(
    installations ? { installations } : { botToken: config.slack.botToken ?? '' },
    config.slack.apiUrl,
    boltLogger(log, 'slack-web-api'),
  );
  const sink: EventSink = slack
    ? new SlackDelivery({
        subscriptions,
        records: new DeliveryRecords(store, randomUUID(), clock),
        store,
        sender: new SlackSender({
          apiUrl: config.slack.apiUrl,
          tokenFor: (teamId) => workspaces.tokenFor(teamId),
          logger: boltLogger(log, 'slack-delivery'),
          onCall: (method, ms, outcome) => metrics.slackCall(method, ms, outcome),
          ...(options.pacing ? { pacing: options.pacing } : {}),
          ...(options.slackTimeoutMs ? { timeoutMs: options.slackTimeoutMs } : {}),
        }),
        log,
        statusPageUrl: config.statusUrl,
        now: () => clock.now(),
        observer: metrics,
      })
    : new ConsoleSink(options.consoleOut);
  const outbox = new Outbox(store);
  // 1.5 intervals, and never under 5 s, so a tick delayed by a busy machine does not hand leadership around.
  const lease = new LeaderLease(store, Math.max(1.5 * intervalMs, 5_000));
  const worker = new DeliveryWorker(outbox, sink, log, options.deliveryRetryMs, () => lease.isLeader);
  const cycle = new PollCycle({
    source,
    store,
    outbox,
    clock,
    log,
    maxUpdateAgeMs: config.maxUpdateAgeMs,
    observer: metrics,
    onQueued: () => void worker.kick(),
  });
  await cycle.warmUp();
  const status = () => ({
    snapshot: cycle.latest,
    lastCheckedAt:
      cycle.lastSuccessAt === undefined ? undefined : new Date(cycle.lastSuccessAt).toISOString(),
  });

  const home = new HomeRefresher(
    clock,
    async (teamId, userId) => {
      if (!slack) return;
      const view = renderHomeView({
        ...status(),
        now: clock.now(),
        subscriptions: await subscriptions.listTeam(teamId),
        statusPageUrl: config.statusUrl,
      });
      await (await workspaces.client(teamId)).views.publish({ user_id: userId, view });
    },
    (error, teamId, userId) =>
      log.warn({ team: teamId, user: userId, err: error }, 'App Home refresh failed'),
  );
  if (slack) {
    const forgetInstallation = async (teamId: string) => {
      await installations?.deleteInstallation({
        teamId,
        isEnterpriseInstall: false,
        enterpriseId: undefined,
      });
    };
    registerListeners(
      slack.app,
      {
        subscriptions,
        status,
        clock,
        statusPageUrl: config.statusUrl,
        staleAfterMs: 3 * intervalMs,
        adminUserIds: config.slack.adminUserIds,
        home,
        log,
      },
      forgetInstallation,
    );
  }

  let storeDown = false;
  /**
   * One tick. The lease comes first: a tick never polls without a store that can record what it saw. The
   * leader polls and delivers; other replicas adopt its snapshot, so commands and App Home answer everywhere.
   * A store outage is logged once when it starts and once when it ends, not on every tick.
   */
  const pollNow = async () => {
    let leader: boolean;
    try {
      leader = await lease.acquireOrRenew();
      if (storeDown) log.info({ store: storeLabel }, 'store answers again; resuming');
      storeDown = false;
    } catch (error) {
      lease.lose();
      metrics.leader.set(0);
      if (!storeDown) {
        log.error(
          { store: storeLabel, err: error },
          'store unavailable: skipping polls until it answers; commands answer from memory',
        );
      }
      storeDown = true;
      return;
    }
    metrics.leader.set(leader ? 1 : 0);
    try {
      if (!leader) {
        if (await cycle.follow()) await home.refresh();
        return;
      }
      const outcome = await cycle.run();
      if (outcome.events.length > 0) await home.refresh();
      void worker.kick(); // also delivers what an earlier leader left queued
    } catch (error) {
      log.error(
        { code: isBotError(error) ? error.code : undefined, err: error },
        'poll cycle failed; will retry next tick',
      );
    }
  };
  const scheduler = new PollScheduler(config.pollIntervalSeconds, pollNow);

  const http = slack
    ? { port: await slack.start(), close: () => slack.stop() }
    : await startHttpServer(config.port, routes).then(({ server, port }) => ({
        port,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      }));
  log.info(
    { port: http.port, mode: config.slack.mode, store: storeLabel, statusUrl: config.statusUrl },
    'started',
  );
  if (consoleMode) {
    (options.consoleOut ?? process.stdout).write(
      renderConsoleBanner({
        statusUrl: config.statusUrl,
        intervalSeconds: config.pollIntervalSeconds,
        port: http.port,
        store: storeLabel,
      }),
    );
  }

  return {
    port: http.port,
    store,
    cycle,
    subscriptions,
    metrics,
    startSchedule: () => scheduler.start(),
    pollNow: () => scheduler.runNow(),
    deliverNow: () => worker.drainOnce(),
    pendingEvents: async () => (await outbox.pending()).length,
    /**
     * Stops accepting Slack requests and scheduling polls (the poll in flight finishes), lets in-flight
     * deliveries finish within `graceMs`, releases the leader lease so another replica takes over at once,
     * then closes connections and the store. Anything not delivered stays queued for the next run.
     */
    async stop(graceMs = 8_000) {
      await Promise.all([http.close(), scheduler.stop()]);
      await worker.stop(graceMs);
      await lease.release().catch(() => undefined);
      await source.close();
      await store.close();
    },
  };
}
