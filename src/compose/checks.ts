/**
 * The team's own checks and jobs (CHECKS_FILE), wired: one slot ticker per check and job, the cycles that run them
 * on the leader, the report the command, App Home and /status read, and the loop that releases held jobs. Loaded
 * only when a checks file is set.
 */
import type { Logger } from 'pino';
import type { Metrics } from '../adapters/metrics.js';
import type { ChecksQuery } from '../app/ports/driving.js';
import type { Clock } from '../app/ports/observability.js';
import type { Store } from '../app/ports/store.js';
import type { ChecksConfig } from '../core/checks/definitions.js';
import { type VerdictSignals, verdictOf } from '../core/checks/verdict.js';
import type { SignalState } from '../core/early-warning/signal.js';
import type { BotEvent } from '../core/events/bot-event.js';
import type { Snapshot } from '../core/events/page.js';
import { isClosed } from '../core/events/page.js';

export interface OwnChecks {
  query: ChecksQuery;
  start(): Promise<void>;
  /** Runs every check once now (tests, the simulator). */
  runAllNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface OwnChecksParts {
  store: Store;
  clock: Clock;
  metrics: Metrics;
  isLeader: () => boolean;
  page: () => Snapshot | undefined;
  probes: () => SignalState | undefined;
  enqueue: (events: BotEvent[]) => Promise<void>;
  /** Job retry waits (tests shorten them). */
  jobBackoffMs?: (attempt: number) => number;
}

const RELEASE_EVERY_MS = 5_000;

/** Clerk's page and the probes as the verdict reads them. */
export function verdictSignals(page: Snapshot | undefined, probes: SignalState | undefined): VerdictSignals {
  return {
    openIncidents: page ? page.incidents.filter((i) => !isClosed(i)).map((i) => i.name) : undefined,
    degraded: (page?.components ?? []).filter((c) => c.status !== 'operational').map((c) => c.name),
    probes:
      probes === undefined
        ? undefined
        : probes.phase === 'healthy'
          ? 'healthy'
          : probes.phase === 'suspect'
            ? 'suspect'
            : 'warning',
  };
}

type Loaded = Awaited<ReturnType<typeof load>>;

/** Only when a checks file is set: the HTTP client, the tickers and the cycles. */
function load() {
  return Promise.all([
    import('../adapters/own-checks/http-client.js'),
    import('../adapters/own-checks/slot-ticker.js'),
    import('../app/checks/check-store.js'),
    import('../app/checks/check-cycle.js'),
    import('../app/checks/job-cycle.js'),
    import('../app/checks/checks-report.js'),
  ]);
}

function cycles(modules: Loaded, log: Logger, parts: OwnChecksParts) {
  const [{ OwnHttpClient }, , { CheckStore }, { CheckCycle }, { JobCycle }] = modules;
  const http = new OwnHttpClient();
  const store = new CheckStore(parts.store);
  const signals = () => verdictSignals(parts.page(), parts.probes());
  const common = {
    store,
    http,
    enqueue: parts.enqueue,
    isLeader: parts.isLeader,
    log,
    observer: parts.metrics,
  };
  // Down, for holding jobs, exactly when a failing check would be called likely Clerk.
  const clerkDown = () => verdictOf(signals()).kind === 'likely_clerk';
  return {
    http,
    store,
    checkCycle: new CheckCycle({ ...common, signals }),
    jobCycle: new JobCycle({
      ...common,
      clerkDown,
      ...(parts.jobBackoffMs ? { backoffMs: parts.jobBackoffMs } : {}),
    }),
  };
}

export async function ownChecks(
  checks: ChecksConfig,
  log: Logger,
  parts: OwnChecksParts,
): Promise<OwnChecks> {
  const modules = await load();
  const [, { slotTicker }, , , , { ChecksReporter }] = modules;
  const checkLog = log.child({ component: 'own-checks' });
  const { http, store, checkCycle, jobCycle } = cycles(modules, checkLog, parts);
  const failed = (what: string) => (error: unknown) =>
    checkLog.warn({ err: error, what }, 'an own check or job run failed');
  const checkTickers = checks.checks.map((check) =>
    slotTicker(
      check.schedule,
      `check-${check.name}`,
      (slot) => void checkCycle.run(check, slot).catch(failed(check.name)),
    ),
  );
  const jobTickers = checks.jobs.map((job) => {
    const ticker = slotTicker(job.schedule, `job-${job.name}`, (slot) => {
      void jobCycle
        .scheduled(job, ticker.next())
        .then(() => jobCycle.due(job, slot, 'scheduled'))
        .catch(failed(job.name));
    });
    return { job, ticker };
  });
  let release: NodeJS.Timeout | undefined;
  return {
    query: new ChecksReporter({
      store,
      checks: checks.checks,
      jobs: checks.jobs,
      now: () => parts.clock.now(),
    }),
    async start() {
      for (const ticker of [...checkTickers, ...jobTickers.map((j) => j.ticker)]) ticker.start();
      for (const { job, ticker } of jobTickers)
        await jobCycle
          .catchUp(job, ticker.next(), parts.clock.now(), ticker.intervalMs())
          .catch(failed(job.name));
      release = setInterval(
        () => void jobCycle.releaseHeld(checks.jobs).catch(failed('held jobs')),
        RELEASE_EVERY_MS,
      );
      release.unref();
    },
    async runAllNow() {
      const slot = new Date(parts.clock.now()).toISOString();
      await Promise.all(checks.checks.map((check) => checkCycle.run(check, slot)));
    },
    async stop() {
      clearInterval(release);
      await Promise.all([...checkTickers, ...jobTickers.map((j) => j.ticker)].map((t) => t.stop()));
      await http.close();
    },
  };
}
