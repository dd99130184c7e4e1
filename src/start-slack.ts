/**
 * The composition root's Slack half: the delivery pipeline (fan-out → channel sequence → step runner, the edit
 * lane beside it) and the Slack app with its listeners. Wiring only, like start.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { OperationalRoutes } from './adapters/http/routes.js';
import type { Metrics } from './adapters/metrics.js';
import { createSlackApp } from './adapters/slack/app.js';
import type { StoreInstallationStore } from './adapters/slack/installation-store.js';
import { registerListeners } from './adapters/slack/listeners/index.js';
import { SingleUseStateStore } from './adapters/slack/oauth-state-store.js';
import { SlackSender } from './adapters/slack/sender.js';
import type { WorkspaceClients } from './adapters/slack/workspace-clients.js';
import type { StatusPageClient } from './adapters/status-page/client.js';
import { ChannelCommands } from './app/channel-commands.js';
import { ChannelSequence } from './app/deliver/channel-sequence.js';
import { DeliveryRecords } from './app/deliver/delivery-records.js';
import { EditLane } from './app/deliver/edit-lane.js';
import { EditQueue } from './app/deliver/edit-queue.js';
import { SlackDelivery } from './app/deliver/fan-out.js';
import type { SlackConfigProblems } from './app/deliver/slack-config.js';
import { StepRunner } from './app/deliver/step-runner.js';
import { SubscriptionEndings } from './app/deliver/subscription-endings.js';
import { ThreadRepository } from './app/deliver/thread-repository.js';
import { WarningVotes } from './app/early-warning/votes.js';
import type { AppHome } from './app/home.js';
import type { LeaderLease } from './app/lease.js';
import type { Outbox } from './app/outbox.js';
import type { PollCycle } from './app/poll/poll-cycle.js';
import type { Clock, EventSink, Store } from './app/ports.js';
import type { SubscriptionRepo } from './app/subscriptions.js';
import { WorkspaceLifecycle } from './app/workspace-lifecycle.js';
import type { Config } from './config.js';
import { incidentNow } from './core/detect/incidents.js';
import type { TimingPolicy } from './core/timing.js';
import type { EarlyWarning } from './start-probes.js';

/** Slack delivery: fan-out → channel sequence → step runner, and the edit lane beside it. */
/** The state, the poller and the delivery worker: what every mode shares. */
export interface Core {
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
  /** Slack configuration errors (missing scopes), for /status. */
  slackConfig: SlackConfigProblems;
  /** Asks the delivery worker for a pass. */
  kickDelivery: () => void;
  /** The early-warning probes, when configured. */
  earlyWarning?: EarlyWarning;
}

export function slackDelivery(
  core: Core,
  config: Config,
  log: Logger,
  timing: TimingPolicy,
  calls: { retryMs: number; slackTimeoutMs: number },
): { sink: EventSink; edits: EditLane; votes: WarningVotes } {
  const { retryMs } = calls;
  const threads = new ThreadRepository(core.store);
  const edits = new EditQueue(core.store);
  const sender = new SlackSender({
    workspaces: core.workspaces,
    onCall: (m, ms, outcome) => core.metrics.slackCall(m, ms, outcome),
  });
  const endings = new SubscriptionEndings({
    ...{ subscriptions: core.subscriptions, sender, log, observer: core.metrics },
    now: () => core.clock.now(),
    refreshHome: (teamId) => core.home.refresh(teamId),
  });
  const steps = new StepRunner({
    records: new DeliveryRecords(core.store, randomUUID(), core.clock, timing.deliveryClaimMs),
    ...{ threads, edits, sender, config: core.slackConfig, log, endings },
    now: () => core.clock.now(),
    observer: core.metrics,
  });
  const votes = new WarningVotes({ store: core.store, sender, statusPageUrl: config.statusUrl, log });
  const sequence = new ChannelSequence({
    ...{ steps, threads, log, statusPageUrl: config.statusUrl },
    incidentNow: (id) => incidentNow(core.cycle.current().snapshot, id),
    votes: (teamId, channelId, warningId) => votes.tally(teamId, channelId, warningId),
    teamUrl: (teamId) => core.workspaces.teamUrl(teamId),
  });
  const lane = new EditLane({
    ...{ edits, sender, config: core.slackConfig, log, retryMs },
    shouldRun: () => core.lease.isLeader,
    // A timed-out edit that Slack still applies lands within about a call's timeout.
    settleMs: 2 * calls.slackTimeoutMs,
  });
  return {
    sink: new SlackDelivery({ subscriptions: core.subscriptions, sequence, log, observer: core.metrics }),
    edits: lane,
    votes,
  };
}

/** The Slack app (HTTP or Socket Mode) with its listeners; resolves with the HTTP port and how to close it. */
export async function startSlack(
  core: Core,
  slackConfig: Config['slack'] & { mode: 'http' | 'socket' },
  wiring: {
    config: Config;
    log: Logger;
    timing: TimingPolicy;
    routes: OperationalRoutes[];
    votes: WarningVotes;
  },
) {
  const { config, log, timing, routes, votes } = wiring;
  const oauthStores = core.installations && {
    installations: core.installations,
    states: new SingleUseStateStore(slackConfig.stateSecret ?? '', core.store),
  };
  const slack = createSlackApp({ ...slackConfig, port: config.port }, log, routes, oauthStores);
  const commands = new ChannelCommands({
    subscriptions: core.subscriptions,
    status: core.cycle,
    home: core.home,
    clock: core.clock,
    statusPageUrl: config.statusUrl,
    staleAfterMs: timing.staleAfterMs,
    adminUserIds: config.slack.adminUserIds,
    enqueue: async (events) => {
      await core.outbox.append(events);
      void core.kickDelivery();
    },
    log,
    ...(core.earlyWarning ? { probes: core.earlyWarning.query } : {}),
  });
  const lifecycle = new WorkspaceLifecycle({
    subscriptions: core.subscriptions,
    home: core.home,
    ...(core.installations ? { installations: core.installations } : {}),
    log,
    observer: core.metrics,
  });
  registerListeners(slack.app, { commands, home: core.home, lifecycle, earlyWarning: votes, log });
  return { port: await slack.start(), close: () => slack.stop() };
}
