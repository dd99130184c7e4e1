/** Prometheus metrics (prom-client), one registry per process. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PollObserver, PollOutcome } from '../shell/poll-cycle.js';

export class Metrics implements PollObserver {
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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
}
