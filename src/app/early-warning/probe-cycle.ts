/**
 * One probe round: probe → (when something failed) the control → the core's signal step and confirmation → queue
 * the events → save the state. Only the leader probes; the state lives in the store, so a restart or a takeover
 * continues the same warning, repeating nothing. Followers read it, so commands and /status answer everywhere.
 * Events are queued before the state moves on: a crash in between derives the same ids again (deduplicated).
 */
import { confirmWarning } from '../../core/early-warning/confirm.js';
import { officialIncidents, pageSpeaks } from '../../core/early-warning/page.js';
import { isFailure } from '../../core/early-warning/probes.js';
import { INITIAL_SIGNAL, type SignalState, stepSignal } from '../../core/early-warning/signal.js';
import type { ProbeThresholds } from '../../core/early-warning/thresholds.js';
import { describeError, isBotError } from '../../core/errors.js';
import type { Snapshot } from '../../core/events/page.js';
import type { ProbeResult } from '../../core/events/probes.js';
import type { Outbox } from '../outbox.js';
import type { ClerkProber, ControlCheck } from '../ports/clerk.js';
import type { Clock, Log, ProbeObserver } from '../ports/observability.js';
import type { Store } from '../ports/store.js';
import { logSignalChange } from './signal-log.js';

export const SIGNAL_KEY = 'probe:signal';

export interface ProbeCycleDeps {
  prober: ClerkProber;
  control: ControlCheck;
  store: Store;
  outbox: Outbox;
  clock: Clock;
  log: Log;
  thresholds: ProbeThresholds;
  /** The latest status-page snapshot: whether it already speaks, and the incidents that may confirm a warning. */
  page: () => Snapshot | undefined;
  isLeader: () => boolean;
  observer?: ProbeObserver;
  onQueued?: () => void;
  /** What the probes conclude changed (phase, maintenance, our network): App Home views refresh. */
  onChanged?: () => void;
}

export class ProbeCycle {
  /** What the probes see now (this replica's last round, or the leader's), for commands, App Home and /status. */
  latest: SignalState | undefined;
  private failureLogged = false;
  private readonly refusalsLogged = new Set<string>();

  constructor(private readonly deps: ProbeCycleDeps) {}

  /** One round; never throws (a failed round is logged once and the next one tries again). */
  async run(): Promise<void> {
    try {
      if (this.deps.isLeader()) await this.probe();
      else this.latest = (await this.deps.store.get<SignalState>(SIGNAL_KEY)) ?? this.latest;
      if (this.failureLogged) this.deps.log.info({}, 'early-warning probes run again');
      this.failureLogged = false;
    } catch (error) {
      if (!this.failureLogged)
        this.deps.log[isBotError(error, 'STORE_UNAVAILABLE') ? 'warn' : 'error'](
          { err: error, reason: describeError(error) },
          'early-warning round failed; will retry next round',
        );
      this.failureLogged = true;
    }
  }

  private async probe(): Promise<void> {
    const { deps } = this;
    const at = new Date(deps.clock.now()).toISOString();
    const results = await deps.prober.round();
    deps.observer?.probed?.(results);
    this.reportRefusals(results);
    const controlOk = results.some((r) => isFailure(r.outcome)) ? await deps.control.reachable() : undefined;
    const snapshot = deps.page();
    const stored = (await deps.store.get<SignalState>(SIGNAL_KEY)) ?? INITIAL_SIGNAL;
    const round = {
      at,
      results,
      pageSpeaks: pageSpeaks(snapshot),
      ...(controlOk === undefined ? {} : { controlOk }),
    };
    const step = stepSignal(stored, round, deps.thresholds);
    const confirmed = confirmWarning(
      step.state,
      officialIncidents(snapshot, step.state.warning?.since),
      at,
      deps.thresholds,
    );
    const events = [...step.events, ...confirmed.events];
    if (events.length > 0) {
      const added = await deps.outbox.append(events);
      deps.observer?.queued?.(added);
      if (added.length > 0) deps.onQueued?.();
    }
    await deps.store.set(SIGNAL_KEY, confirmed.state);
    this.latest = confirmed.state;
    deps.observer?.phase?.(confirmed.state.phase);
    for (const event of confirmed.events)
      if (event.kind === 'warning.confirmed') deps.observer?.lead?.(event.leadMs);
    logSignalChange(deps.log, stored, confirmed.state, events);
    const concluded = (x: SignalState) => `${x.phase}:${Boolean(x.maintenance)}:${Boolean(x.network)}`;
    if (concluded(stored) !== concluded(confirmed.state)) deps.onChanged?.();
  }

  /** A 4xx other than 429 is our configuration (a wrong key or URL): said once per endpoint and status. */
  private reportRefusals(results: ProbeResult[]): void {
    for (const r of results.filter((x) => x.outcome === 'refused')) {
      const key = `${r.endpoint}:${r.status}`;
      if (this.refusalsLogged.has(key)) continue;
      this.refusalsLogged.add(key);
      this.deps.log.warn(
        { endpoint: r.endpoint, status: r.status },
        'a Clerk probe was refused: check CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY and the API URLs (not counted as Clerk failing)',
      );
    }
  }
}
