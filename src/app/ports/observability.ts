/**
 * Time, logs and what the use cases report about themselves (metrics, readiness). The clock is a port so tests and
 * the core can take `now`; observers are optional hooks the metrics adapter fills in.
 */

import type { SignalPhase } from '../../core/early-warning/signal.js';
import type { BotError } from '../../core/errors.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { RunResult } from '../../core/events/checks.js';
import type { ProbeResult } from '../../core/events/probes.js';

export interface Clock {
  now(): number;
}

/** Structured logging as the use cases need it (pino's logger fits it as is). */
export interface Log {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type PollOutcome =
  | { ok: true; seeded: boolean; events: BotEvent[] }
  | { ok: false; error: BotError; events: BotEvent[] };

export interface PollObserver {
  polled?(outcome: PollOutcome, durationMs: number): void;
  fetched?(bytes: number, notModified: number): void;
}

export type DeliveryOutcome =
  | 'sent'
  | 'found'
  | 'skipped_sent'
  | 'rate_limited'
  | 'retried'
  | 'dropped'
  | 'busy'
  /** Sent again because an earlier attempt could not be looked up (at least once rather than lost). */
  | 'unverified_resend'
  /** Refused by Slack, then sent re-rendered minimal. */
  | 'rerendered'
  /** Waiting on a configuration error (a missing scope). */
  | 'config_error'
  /** A paused process's late post that doubled another's, deleted again. */
  | 'late_copy_deleted';

export interface DeliveryObserver {
  subscriptions?(all: { teamId: string }[]): void;
  delivery?(outcome: DeliveryOutcome, reason?: string): void;
  latency?(eventAt: string, sentAt: number): void;
  /** A subscription ended for good (Slack's reason code). */
  subscriptionEnded?(reason: string): void;
}

export interface ProbeObserver {
  probed?(results: ProbeResult[]): void;
  /** The signal's phase after a round (healthy, suspect, warning, confirmed). */
  phase?(phase: SignalPhase): void;
  /** A warning was confirmed by an official incident this long before Clerk's first word. */
  lead?(leadMs: number): void;
  /** Events the probes queued (warnings, Maintenance Mode). */
  queued?(events: BotEvent[]): void;
}

export interface LeaderObserver {
  leader?(isLeader: boolean): void;
  /** Whether the store answered the last tick. */
  store?(up: boolean): void;
}

export interface RequestObserver {
  /** A Slack request seen before (an event retry, a replayed command or click) was ignored. */
  repeatedRequest?(kind: 'event' | 'trigger'): void;
}

/** The team's own checks and jobs, as they run. */
export interface ChecksObserver {
  checkRun?(name: string, run: RunResult): void;
  checkState?(name: string, failing: boolean): void;
  jobRun?(name: string, outcome: 'ok' | 'failed' | 'held'): void;
}

/** Readiness as /readyz reports it: started and able to answer Slack. */
export interface Readiness {
  ready: boolean;
  mode: string;
}
