/**
 * The one runtime type the composition root's sibling files share: what state.ts builds once (the store, the
 * poller, App Home, the early warning, the Slack sender) and what the others read to wire their part. Types only.
 */
import type { Logger } from 'pino';
import type { Metrics } from '../adapters/metrics.js';
import type { PollScheduler } from '../adapters/scheduler.js';
import type { StoreInstallationStore } from '../adapters/slack/installation-store.js';
import type { PacingOptions } from '../adapters/slack/pacer.js';
import type { SlackSender } from '../adapters/slack/sender.js';
import type { WorkspaceClients } from '../adapters/slack/workspace-clients.js';
import type { StatusPageClient } from '../adapters/status-page/client.js';
import type { DeliveryWatch } from '../app/deliver/delivery-watch.js';
import type { HeldChanges } from '../app/deliver/held-changes.js';
import type { SlackConfigProblems } from '../app/deliver/slack-config.js';
import type { Doorbell } from '../app/doorbell.js';
import type { ProbeCycle } from '../app/early-warning/probe-cycle.js';
import type { ProbeRounds } from '../app/early-warning/probe-rounds.js';
import type { WarningVotes } from '../app/early-warning/votes.js';
import type { DestinationBoard } from '../app/escalate/destination-board.js';
import type { History } from '../app/history.js';
import type { AppHome } from '../app/home.js';
import type { LeaderLease } from '../app/lease.js';
import type { Outbox } from '../app/outbox.js';
import type { MaintenanceReminders } from '../app/poll/maintenance-reminders.js';
import type { PollCycle } from '../app/poll/poll-cycle.js';
import type { Destination } from '../app/ports/destinations.js';
import type { ProbeQuery } from '../app/ports/driving.js';
import type { Clock } from '../app/ports/observability.js';
import type { Store } from '../app/ports/store.js';
import type { StoreEpoch } from '../app/store-epoch.js';
import type { SubscriptionRepo } from '../app/subscriptions.js';
import type { Config } from '../config.js';
import type { Snapshot } from '../core/events/page.js';
import type { TimingPolicy } from '../core/timing.js';
import type { OwnChecks } from './checks.js';

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
  /** Waits between a job's tries (tests shorten them). */
  jobBackoffMs?: (attempt: number) => number;
  /** Waits between attempts of PagerDuty and webhook deliveries (tests shorten them); and the least gap between calls. */
  outgoingRetryMs?: number[];
  outgoingMinGapMs?: number;
}

/** What the probes target, as the start line and /status show it: URLs and interval, never a key. */
export interface ProbeTargets {
  frontendApiUrl: string;
  backendApiUrl?: string;
  intervalSeconds: number;
}

export interface EarlyWarning {
  targets: ProbeTargets;
  cycle: ProbeCycle;
  /** What the probes see now, for commands and App Home. */
  query: ProbeQuery;
  /** The last rounds, for the dashboard's chart. */
  rounds: ProbeRounds;
  scheduler: PollScheduler;
  close(): Promise<void>;
}

/** Slack's sending half, in the Slack modes: the sender every Slack use case shares, and the warning votes. */
export interface SlackParts {
  sender: SlackSender;
  votes: WarningVotes;
}

export interface Runtime {
  config: Config;
  log: Logger;
  timing: TimingPolicy;
  options: StartOptions;
  clock: Clock;
  metrics: Metrics;
  storeLabel: string;
  store: Store;
  /** What about the store's setup could lose data (Redis evicting keys), said at start and in /status. */
  storeWarnings: string[];
  /** Whether the store still holds what the bot wrote (its identity record). */
  epoch: StoreEpoch;
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
  /** Rung when events were queued: the delivery worker answers. */
  delivery: Doorbell;
  /** What waits (backing off) and what was dropped, for /status. */
  deliveryWatch: DeliveryWatch;
  /** The early-warning probes, when configured. */
  earlyWarning: EarlyWarning | undefined;
  /** The team's own checks and jobs, when CHECKS_FILE is set. */
  ownChecks: OwnChecks | undefined;
  /** Component changes channels hold (their flap guard): the Slack steps hold them, the poll tick releases them. */
  held: HeldChanges;
  /** How PagerDuty and the webhook are doing, for /status and App Home. */
  destinationBoard: DestinationBoard;
  /** The incidents and component changes the bot has seen, 90 days of them. */
  history: History;
  /** Reminders before scheduled maintenance: the poll tick queues those due, derived from the stored page. */
  reminders: MaintenanceReminders;
  /** In the Slack modes (HTTP, Socket Mode); undefined in console mode. */
  slack: SlackParts | undefined;
}

/** A lane a destination runs beside the outbox's (Slack's parent edits): follows each pass, stops with the rest. */
export interface SideLane {
  kick(): void;
  drainOnce(): Promise<number>;
  waiting(): Promise<number>;
  stop(): Promise<void>;
}

/** A destination as the root wires it: what delivers, and what runs beside it. */
export interface BuiltDestination {
  destination: Destination;
  sideLane?: SideLane;
  /** After each successful poll (console mode's first-summary line). */
  polled?(snapshot: Snapshot | undefined, nowIso: string): void;
  /** At stop, after the lanes stopped: its own connections. */
  close?(): Promise<void>;
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
  /** Runs every own check once now, on the leader (tests, the simulator). */
  checkNow(): Promise<void>;
  /** Delivers what is queued (posts, then edits), once; resolves with how many events and edits still wait. */
  deliverNow(): Promise<number>;
  /** How many events (and parent edits) are queued and not yet delivered everywhere. */
  pendingEvents(): Promise<number>;
  stop(graceMs?: number): Promise<void>;
}
