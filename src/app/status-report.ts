/**
 * Liveness and readiness, as CONTRACT.md defines them. Liveness: the process and its poll loop are alive (a tick
 * began within the last five intervals; a wedged loop gets the process restarted). Readiness: started and able
 * to answer Slack; it never depends on Clerk's page or the store, since commands answer from memory and taking
 * every replica out of service during an outage is exactly wrong.
 */

import type { SignalState } from '../core/early-warning/signal.js';
import { describeError } from '../core/errors.js';
import type { ProbeResult } from '../core/events/probes.js';
import type { Dropped, Waiting } from './deliver/delivery-watch.js';
import type { DestinationState } from './escalate/destination-board.js';
import type { ChecksQuery, ChecksReport } from './ports/driving.js';
import type { Readiness } from './ports/observability.js';
import type { Store } from './ports/store.js';

export interface LivenessInput {
  now: number;
  startedAt: number;
  intervalMs: number;
  /** When the last tick began, if any did. */
  lastTickAt: number | undefined;
}

export function liveness(input: LivenessInput): {
  live: boolean;
  lastTickAt: string | null;
  reason?: string;
} {
  const reference = input.lastTickAt ?? input.startedAt;
  const limit = 5 * input.intervalMs;
  const live = input.now - reference <= limit;
  return {
    live,
    lastTickAt: input.lastTickAt === undefined ? null : new Date(input.lastTickAt).toISOString(),
    ...(live
      ? {}
      : {
          reason: `no poll tick began in the last ${Math.round((input.now - reference) / 1000)} s (limit ${limit / 1000} s)`,
        }),
  };
}

export function readiness(input: { started: boolean; mode: string }): Readiness {
  return { ready: input.started, mode: input.mode };
}

export interface StatusReportInput {
  store: Store;
  /** Why the last tick could not use the store (a failed write reads fine on a ping), if it could not. */
  storeProblem: string | undefined;
  /** What about the store's setup could lose data (Redis evicting keys). */
  storeWarnings?: string[];
  /** The team's own checks and jobs, when CHECKS_FILE is set. */
  checks?: ChecksQuery;
  /** When the store was found to have lost its data, if it was. */
  dataLostSince?: string;
  now: number;
  staleAfterMs: number;
  lastSuccessAt: number | undefined;
  leader: boolean;
  /** Open Slack configuration errors (a missing scope), per workspace. */
  slackConfigErrors: { team: string; code: string; method: string; since: string }[];
  /** What still waits to be delivered: events some destination still needs, and parent edits not yet applied. */
  pending?: () => Promise<PendingDeliveries>;
  /** Deliveries waiting longer than 5 minutes, and messages Slack refused for good (this process's view). */
  watch?: { stuck(): Waiting[]; recentlyDropped(): Dropped[] };
  /** PagerDuty and the webhook, when configured: how each is doing (never its key, secret or URL). */
  destinations?: DestinationState[];
  /** The early-warning probes, when configured: what they target (never a key) and what they see. */
  probes?: {
    frontendApiUrl: string;
    backendApiUrl?: string;
    intervalSeconds: number;
    state: SignalState | undefined;
  };
}

export interface ProbeReport {
  frontendApiUrl: string;
  backendApiUrl: string | null;
  intervalSeconds: number;
  phase: SignalState['phase'] | 'not_run_yet';
  lastRoundAt: string | null;
  results: ProbeResult[];
  failing: { family: string; since: string; rounds: number }[];
  warning: { id: string; status: string; since: string; raisedAt: string; endedAt?: string } | null;
  maintenanceMode: boolean;
  ownNetworkFailingSince: string | null;
}

function probeReport(probes: NonNullable<StatusReportInput['probes']>): ProbeReport {
  const { state } = probes;
  const w = state?.warning;
  return {
    frontendApiUrl: probes.frontendApiUrl,
    backendApiUrl: probes.backendApiUrl ?? null,
    intervalSeconds: probes.intervalSeconds,
    phase: state?.lastRound ? state.phase : 'not_run_yet',
    lastRoundAt: state?.lastRound?.at ?? null,
    results: state?.lastRound?.results ?? [],
    failing: Object.values(state?.failing ?? {}).map((f) => ({
      family: f.family,
      since: f.since,
      rounds: f.rounds,
    })),
    warning: w
      ? {
          id: w.id,
          status: w.status,
          since: w.since,
          raisedAt: w.raisedAt,
          ...(w.endedAt ? { endedAt: w.endedAt } : {}),
        }
      : null,
    maintenanceMode: Boolean(state?.maintenance),
    ownNetworkFailingSince: state?.network?.since ?? null,
  };
}

export interface PendingDeliveries {
  events: number;
  edits: number;
}

/** What /status answers: what the bot knows, never a secret. */
export interface StatusReport {
  statusPage: { ok: boolean; lastSuccessAt: string | null };
  store: {
    ok: boolean;
    kind: Store['kind'];
    error?: string;
    warnings: string[];
    /** Set once the store was found to have lost its data: subscriptions must be re-created. */
    dataLost: { since: string } | null;
  };
  leader: boolean;
  /**
   * `pending` is null when the store cannot say (it is down); `stuck`: deliveries waiting longer than 5 minutes, with
   * team, channel, event and reason; `dropped`: the latest messages Slack refused for good.
   */
  deliveries: { pending: PendingDeliveries | null; stuck: Waiting[]; dropped: Dropped[] };
  slack: { configErrors: StatusReportInput['slackConfigErrors'] };
  probes?: ProbeReport;
  /** Each own check (state, last run) and job (last and next run); null when the store cannot say. */
  checks?: ChecksReport['checks'] | null;
  jobs?: ChecksReport['jobs'] | null;
  /** PagerDuty and the webhook: last delivery, failures, what waits, the last refusal. Absent when neither is set. */
  destinations?: DestinationState[];
}

export async function statusReport(input: StatusReportInput): Promise<StatusReport> {
  let error = input.storeProblem;
  if (!error) {
    try {
      await input.store.ping();
    } catch (failure) {
      error = describeError(failure);
    }
  }
  const { lastSuccessAt } = input;
  return {
    statusPage: {
      ok: lastSuccessAt !== undefined && input.now - lastSuccessAt <= input.staleAfterMs,
      lastSuccessAt: lastSuccessAt === undefined ? null : new Date(lastSuccessAt).toISOString(),
    },
    store: {
      ok: error === undefined,
      kind: input.store.kind,
      ...(error ? { error } : {}),
      warnings: input.storeWarnings ?? [],
      dataLost: input.dataLostSince ? { since: input.dataLostSince } : null,
    },
    leader: input.leader,
    deliveries: {
      pending: error === undefined ? await pendingOrNull(input.pending) : null,
      stuck: input.watch?.stuck() ?? [],
      dropped: input.watch?.recentlyDropped() ?? [],
    },
    slack: { configErrors: input.slackConfigErrors },
    ...(input.probes ? { probes: probeReport(input.probes) } : {}),
    ...(input.checks ? await checksOrNull(input.checks) : {}),
    ...(input.destinations && input.destinations.length > 0 ? { destinations: input.destinations } : {}),
  };
}

async function checksOrNull(query: ChecksQuery): Promise<Pick<StatusReport, 'checks' | 'jobs'>> {
  try {
    const { checks, jobs } = await query.report();
    return { checks, jobs };
  } catch {
    return { checks: null, jobs: null };
  }
}

async function pendingOrNull(pending: StatusReportInput['pending']): Promise<PendingDeliveries | null> {
  try {
    return (await pending?.()) ?? { events: 0, edits: 0 };
  } catch {
    return null;
  }
}
