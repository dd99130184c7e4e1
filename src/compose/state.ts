/**
 * Builds the runtime every part shares: the store and what lives on it, the status page client, the poller,
 * App Home, the early warning and, in the Slack modes, the sender. Wiring only, no decisions.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { systemClock } from '../adapters/clock.js';
import { boltLogger } from '../adapters/log/bolt-logger.js';
import { Metrics } from '../adapters/metrics.js';
import { StoreInstallationStore } from '../adapters/slack/installation-store.js';
import { SlackSender } from '../adapters/slack/sender.js';
import { WorkspaceClients } from '../adapters/slack/workspace-clients.js';
import { StatusPageClient } from '../adapters/status-page/client.js';
import { DeliveryWatch } from '../app/deliver/delivery-watch.js';
import { HeldChanges } from '../app/deliver/held-changes.js';
import { SlackConfigProblems } from '../app/deliver/slack-config.js';
import { Doorbell } from '../app/doorbell.js';
import { WarningVotes } from '../app/early-warning/votes.js';
import { DestinationBoard } from '../app/escalate/destination-board.js';
import { History } from '../app/history.js';
import { AppHome } from '../app/home.js';
import { LeaderLease } from '../app/lease.js';
import { Outbox } from '../app/outbox.js';
import { MaintenanceReminders } from '../app/poll/maintenance-reminders.js';
import { PollCycle } from '../app/poll/poll-cycle.js';
import type { ChecksQuery, ProbeQuery } from '../app/ports/driving.js';
import type { Clock } from '../app/ports/observability.js';
import type { Store } from '../app/ports/store.js';
import type { StoreEpoch } from '../app/store-epoch.js';
import { SubscriptionRepo } from '../app/subscriptions.js';
import type { Config } from '../config.js';
import type { BotEvent } from '../core/events/bot-event.js';
import { typicalDuration } from '../core/events/history.js';
import type { TimingPolicy } from '../core/timing.js';
import { ownChecks } from './checks.js';
import { earlyWarning } from './probes.js';
import type { Runtime, SlackParts, StartOptions } from './runtime.js';
import { openState, storeLabel } from './store.js';

function workspaceClients(
  config: Config,
  log: Logger,
  options: StartOptions,
  timing: TimingPolicy,
  installations: StoreInstallationStore | undefined,
): WorkspaceClients {
  return new WorkspaceClients({
    source: installations ? { installations } : { botToken: config.slack.botToken ?? '' },
    apiUrl: config.slack.apiUrl,
    logger: boltLogger(log, 'slack-web-api'),
    timeoutMs: options.slackTimeoutMs ?? timing.slackCallTimeoutMs,
    ...(options.pacing ? { pacing: options.pacing } : {}),
  });
}

function slackParts(
  config: Config,
  log: Logger,
  store: Store,
  workspaces: WorkspaceClients,
  metrics: Metrics,
) {
  if (config.slack.mode === 'console') return undefined;
  const sender = new SlackSender({
    workspaces,
    onCall: (method, ms, outcome) => metrics.slackCall(method, ms, outcome),
  });
  const votes = new WarningVotes({ store, sender, statusPageUrl: config.statusUrl, log });
  return { sender, votes } satisfies SlackParts;
}

function statusPageClient(config: Config, timing: TimingPolicy): StatusPageClient {
  return new StatusPageClient({
    baseUrl: config.statusUrl,
    timeoutMs: timing.statusPageTimeoutMs,
    maxRetryWaitMs: timing.statusPageRetryWaitMs,
  });
}

/** The poller: reads the page each tick, queues what changed, rings the delivery worker. */
function pollCycle(config: Config, log: Logger, timing: TimingPolicy, parts: PollerParts): PollCycle {
  return new PollCycle({
    source: parts.source,
    store: parts.store,
    outbox: parts.outbox,
    clock: parts.clock,
    log,
    observer: parts.metrics,
    maxUpdateAgeMs: config.maxUpdateAgeMs,
    statusUrl: config.statusUrl,
    unreachableAfter: timing.unreachableAfterFailures,
    onQueued: () => parts.delivery.ring(),
    typicalFor: async (incidentId, componentIds) => {
      const { incidents } = await parts.history.window(90, parts.clock.now());
      return typicalDuration(incidents, componentIds, incidentId);
    },
  });
}

interface PollerParts {
  source: StatusPageClient;
  store: Store;
  outbox: Outbox;
  clock: Clock;
  metrics: Metrics;
  delivery: Doorbell;
  history: History;
}

/** App Home: what Clerk's page and the probes show, and this workspace's subscriptions. */
function appHome(
  config: Config,
  log: Logger,
  parts: {
    clock: Clock;
    cycle: PollCycle;
    subscriptions: SubscriptionRepo;
    workspaces: WorkspaceClients;
    probes: ProbeQuery | undefined;
    checks: ChecksQuery | undefined;
    epoch: StoreEpoch;
    board: DestinationBoard;
  },
): AppHome {
  return new AppHome({
    clock: parts.clock,
    status: parts.cycle,
    subscriptions: parts.subscriptions,
    publisher: parts.workspaces,
    log,
    statusPageUrl: config.statusUrl,
    probes: parts.probes,
    ...(parts.checks ? { checks: parts.checks } : {}),
    dataLostSince: () => parts.epoch.lostSince,
    destinations: () => parts.board.list(),
  });
}

/** Slack's side of the state: installations (OAuth), the per-workspace clients, and the sender in the Slack modes. */
function slackSide(
  config: Config,
  log: Logger,
  parts: { options: StartOptions; timing: TimingPolicy; store: Store; metrics: Metrics },
) {
  const installations = config.slack.oauth ? new StoreInstallationStore(parts.store) : undefined;
  const workspaces = workspaceClients(config, log, parts.options, parts.timing, installations);
  return {
    installations,
    workspaces,
    slack: slackParts(config, log, parts.store, workspaces, parts.metrics),
  };
}

interface WatcherParts {
  store: Store;
  outbox: Outbox;
  clock: Clock;
  lease: LeaderLease;
  cycle: PollCycle;
  metrics: Metrics;
  subscriptions: SubscriptionRepo;
  workspaces: WorkspaceClients;
  epoch: StoreEpoch;
  delivery: Doorbell;
  options: StartOptions;
  board: DestinationBoard;
}

/**
 * The early warning and own checks (when configured) and App Home, which shows what they see and is redrawn when the
 * probes' view changes.
 */
async function probesAndHome(config: Config, log: Logger, p: WatcherParts) {
  const homeRefresh = new Doorbell();
  const warning = await earlyWarning(config, log, {
    store: p.store,
    outbox: p.outbox,
    clock: p.clock,
    lease: p.lease,
    poll: p.cycle,
    metrics: p.metrics,
    kickDelivery: () => p.delivery.ring(),
    refreshHome: () => homeRefresh.ring(),
  });
  const checks = config.checks
    ? await ownChecks(config.checks, log, {
        store: p.store,
        clock: p.clock,
        metrics: p.metrics,
        isLeader: () => p.lease.isLeader,
        page: () => p.cycle.current().snapshot,
        probes: () => warning?.query.current(),
        enqueue: queueTo(p.outbox, p.delivery),
        ...(p.options.jobBackoffMs ? { jobBackoffMs: p.options.jobBackoffMs } : {}),
      })
    : undefined;
  const home = appHome(config, log, {
    clock: p.clock,
    cycle: p.cycle,
    subscriptions: p.subscriptions,
    workspaces: p.workspaces,
    probes: warning?.query,
    checks: checks?.query,
    epoch: p.epoch,
    board: p.board,
  });
  // The probes, built before App Home, republish it when what they see changes.
  homeRefresh.answer(() => void home.refresh());
  return { warning, home, checks };
}

/** Queues events in the outbox and rings for delivery: how every source beside the poll hands events on. */
function queueTo(outbox: Outbox, delivery: Doorbell) {
  return async (events: BotEvent[]) => {
    await outbox.append(events);
    delivery.ring();
  };
}

/** What the leader's poll tick derives from stored state: the flap guard's held changes, maintenance reminders. */
function derivedFromState(
  store: Store,
  subscriptions: SubscriptionRepo,
  enqueue: ReturnType<typeof queueTo>,
) {
  return {
    held: new HeldChanges(store, enqueue),
    reminders: new MaintenanceReminders({ store, subscriptions: () => subscriptions.listAll(), enqueue }),
  };
}

export async function buildRuntime(
  config: Config,
  log: Logger,
  options: StartOptions,
  timing: TimingPolicy,
): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const metrics = new Metrics({ earlyWarning: config.probes !== undefined });
  const { store, warnings: storeWarnings, epoch } = await openState(config, log, clock, metrics);
  const { installations, workspaces, slack } = slackSide(config, log, { options, timing, store, metrics });
  const subscriptions = new SubscriptionRepo(store);
  const outbox = new Outbox(store);
  const lease = new LeaderLease(store, timing.leaderLeaseMs, randomUUID());
  const delivery = new Doorbell();
  const source = statusPageClient(config, timing);
  const history = new History(store);
  const cycle = pollCycle(config, log, timing, { source, store, outbox, clock, metrics, delivery, history });
  const board = new DestinationBoard(() => clock.now());
  const watched = {
    store,
    outbox,
    clock,
    lease,
    cycle,
    metrics,
    subscriptions,
    workspaces,
    epoch,
    delivery,
    options,
  };
  const { warning, home, checks } = await probesAndHome(config, log, { ...watched, board });
  return {
    ...watched,
    config,
    log,
    timing,
    storeLabel: storeLabel(config),
    storeWarnings,
    source,
    installations,
    home,
    slackConfig: new SlackConfigProblems(log, () => clock.now()),
    delivery,
    deliveryWatch: new DeliveryWatch(() => clock.now()),
    earlyWarning: warning,
    ownChecks: checks,
    ...derivedFromState(store, subscriptions, queueTo(outbox, delivery)),
    history,
    destinationBoard: board,
    slack,
  };
}
