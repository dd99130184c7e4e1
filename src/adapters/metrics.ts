/** Prometheus metrics (prom-client), one registry per process. */

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EscalationObserver } from '../app/ports/escalation.js';
import type {
  ChecksObserver,
  DeliveryObserver,
  DeliveryOutcome,
  LeaderObserver,
  PollObserver,
  PollOutcome,
  ProbeObserver,
  RequestObserver,
} from '../app/ports/observability.js';
import { SIGNAL_PHASES, type SignalPhase } from '../core/early-warning/signal.js';
import type { RunResult } from '../core/events/checks.js';
import type { ProbeResult } from '../core/events/probes.js';

export class Metrics
  implements
    PollObserver,
    DeliveryObserver,
    LeaderObserver,
    ProbeObserver,
    RequestObserver,
    ChecksObserver,
    EscalationObserver
{
  readonly registry = new Registry();
  readonly polls = new Counter({
    name: 'clerk_status_polls_total',
    help: 'Status page polls by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly pollFailures = new Counter({
    name: 'clerk_status_poll_failures_total',
    help: 'Failed polls by reason code',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly pollDuration = new Histogram({
    name: 'clerk_status_poll_duration_seconds',
    help: 'Time for one poll cycle',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly statusPageBytes = new Counter({
    name: 'clerk_status_page_bytes_total',
    help: 'Bytes read from the status page',
    registers: [this.registry],
  });
  readonly statusPageNotModified = new Counter({
    name: 'clerk_status_page_not_modified_total',
    help: 'Status page documents answered 304',
    registers: [this.registry],
  });
  readonly events = new Counter({
    name: 'clerk_status_events_total',
    help: 'Change events detected, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly lastSuccess = new Gauge({
    name: 'clerk_status_last_successful_poll_timestamp_seconds',
    help: 'Unix time of the last successful poll',
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'clerk_status_deliveries_total',
    help: 'Delivery steps by outcome (sent, found, retried, rate_limited, dropped …) and reason',
    labelNames: ['outcome', 'reason'],
    registers: [this.registry],
  });
  readonly slackLatency = new Histogram({
    name: 'clerk_status_slack_api_seconds',
    help: 'Slack Web API call latency by method and outcome',
    labelNames: ['method', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly deliveryDelay = new Histogram({
    name: 'clerk_status_change_to_message_seconds',
    help: 'From a change published on the status page to its message accepted by Slack',
    buckets: [1, 2, 5, 10, 30, 60, 120, 300, 900],
    registers: [this.registry],
  });
  readonly subscriptionsEnded = new Counter({
    name: 'clerk_status_subscriptions_ended_total',
    help: 'Subscriptions that ended because Slack said the channel is gone or closed to the bot, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly outgoingDeliveries = new Counter({
    name: 'clerk_status_destination_deliveries_total',
    help: 'PagerDuty and webhook deliveries, by destination and outcome (delivered, retried, refused, gave_up, resent)',
    labelNames: ['destination', 'outcome'],
    registers: [this.registry],
  });
  readonly checkRuns = new Counter({
    name: 'clerk_status_check_runs_total',
    help: "Runs of the team's own checks (CHECKS_FILE), by check and outcome",
    labelNames: ['check', 'outcome'],
    registers: [this.registry],
  });
  readonly checkLatency = new Histogram({
    name: 'clerk_status_check_latency_seconds',
    help: "Latency of the team's own checks, by check",
    labelNames: ['check'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly checkFailing = new Gauge({
    name: 'clerk_status_check_failing',
    help: '1 while an own check fails (runs in a row), else 0',
    labelNames: ['check'],
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: 'clerk_status_job_runs_total',
    help: 'Fired own jobs by job and outcome (ok, failed after retries, held while Clerk is down)',
    labelNames: ['job', 'outcome'],
    registers: [this.registry],
  });
  readonly repeatedRequests = new Counter({
    name: 'clerk_status_slack_requests_repeated_total',
    help: 'Slack requests seen before and ignored: events Slack re-delivered, commands or clicks replayed',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly subscriptionCount = new Gauge({
    name: 'clerk_status_subscriptions',
    help: 'Subscribed channels',
    registers: [this.registry],
  });
  readonly workspaces = new Gauge({
    name: 'clerk_status_workspaces',
    help: 'Workspaces with at least one subscribed channel',
    registers: [this.registry],
  });
  readonly leaderGauge = new Gauge({
    name: 'clerk_status_leader',
    help: '1 while this replica polls and delivers',
    registers: [this.registry],
  });

  /** `earlyWarning`: the probes run, so their phase is exported (absent otherwise: a 0 would read as "healthy"). */
  constructor(options: { earlyWarning?: boolean } = {}) {
    collectDefaultMetrics({ register: this.registry });
    if (!options.earlyWarning) this.registry.removeSingleMetric('clerk_status_early_warning_phase');
  }

  polled(outcome: PollOutcome, durationMs: number): void {
    this.polls.inc({ outcome: outcome.ok ? 'ok' : 'failed' });
    if (!outcome.ok) this.pollFailures.inc({ reason: outcome.error.code });
    else this.lastSuccess.set(Date.now() / 1000);
    this.pollDuration.observe(durationMs / 1000);
    for (const event of outcome.events) this.events.inc({ kind: event.kind });
  }

  fetched(bytes: number, notModified: number): void {
    this.statusPageBytes.inc(bytes);
    this.statusPageNotModified.inc(notModified);
  }

  subscriptions(all: { teamId: string }[]): void {
    this.subscriptionCount.set(all.length);
    this.workspaces.set(new Set(all.map((s) => s.teamId)).size);
  }

  delivery(outcome: DeliveryOutcome, reason = ''): void {
    this.deliveries.inc({ outcome, reason });
  }

  latency(eventAt: string, sentAt: number): void {
    const seconds = (sentAt - Date.parse(eventAt)) / 1000;
    if (seconds >= 0 && Number.isFinite(seconds)) this.deliveryDelay.observe(seconds);
  }

  readonly storeUp = new Gauge({
    name: 'clerk_status_store_up',
    help: '1 while the store answered the last tick, 0 while it fails',
    registers: [this.registry],
  });

  store(up: boolean): void {
    this.storeUp.set(up ? 1 : 0);
  }

  readonly storeDataLost = new Gauge({
    name: 'clerk_status_store_data_lost',
    help: '1 once the store was found to have lost its data (its identity record gone), for a week',
    registers: [this.registry],
  });

  dataLost(lost: boolean): void {
    this.storeDataLost.set(lost ? 1 : 0);
  }

  outgoing(destination: string, outcome: string): void {
    this.outgoingDeliveries.inc({ destination, outcome });
  }

  checkRun(name: string, run: RunResult): void {
    this.checkRuns.inc({ check: name, outcome: run.ok ? 'passed' : 'failed' });
    this.checkLatency.observe({ check: name }, run.latencyMs / 1000);
  }

  checkState(name: string, failing: boolean): void {
    this.checkFailing.set({ check: name }, failing ? 1 : 0);
  }

  jobRun(name: string, outcome: 'ok' | 'failed' | 'held'): void {
    this.jobRuns.inc({ job: name, outcome });
  }

  repeatedRequest(kind: 'event' | 'trigger'): void {
    this.repeatedRequests.inc({ kind });
  }

  subscriptionEnded(reason: string): void {
    this.subscriptionsEnded.inc({ reason });
  }

  leader(isLeader: boolean): void {
    this.leaderGauge.set(isLeader ? 1 : 0);
  }

  readonly probeSeconds = new Histogram({
    name: 'clerk_status_probe_seconds',
    help: 'Early-warning probes of the Clerk instance: latency by endpoint and outcome',
    labelNames: ['endpoint', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly probePhase = new Gauge({
    name: 'clerk_status_early_warning_phase',
    help: 'Early-warning signal: 0 healthy, 1 suspect, 2 warning (unconfirmed), 3 confirmed',
    registers: [this.registry],
  });
  readonly warningLead = new Histogram({
    name: 'clerk_status_early_warning_lead_seconds',
    help: 'How long before Clerk’s first status-page word the early warning went out (confirmed warnings)',
    buckets: [0, 60, 120, 300, 600, 900, 1800, 3600],
    registers: [this.registry],
  });

  probed(results: ProbeResult[]): void {
    for (const r of results)
      this.probeSeconds.observe({ endpoint: r.endpoint, outcome: r.outcome }, r.latencyMs / 1000);
  }

  phase(phase: SignalPhase): void {
    this.probePhase.set(SIGNAL_PHASES.indexOf(phase));
  }

  /** Events the probes queued (warnings, Maintenance Mode): counted with the page's, by kind. */
  queued(events: { kind: string }[]): void {
    for (const event of events) this.events.inc({ kind: event.kind });
  }

  lead(leadMs: number): void {
    this.warningLead.observe(Math.max(0, leadMs / 1000));
  }

  slackCall(method: string, ms: number, outcome: string): void {
    this.slackLatency.observe({ method, outcome }, ms / 1000);
  }
}
