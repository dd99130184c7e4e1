/**
 * One scheduled run of one own check, on the leader: claim the slot (one run per slot whichever replica leads),
 * call the team's service, keep the result, move the check's state on and queue what it says (an alert with its
 * verdict, a verdict change, a recovery) to the outbox, from where every destination delivers it exactly once.
 * The events are queued before the state is saved: a crash in between re-derives the same ids at the next run,
 * and the outbox takes an id once.
 */

import { afterRun, NEW_CHECK } from '../../core/checks/check-state.js';
import type { CheckDefinition } from '../../core/checks/definitions.js';
import { evaluate } from '../../core/checks/evaluate.js';
import type { VerdictSignals } from '../../core/checks/verdict.js';
import { verdictOf } from '../../core/checks/verdict.js';
import type { RunResult } from '../../core/events/checks.js';
import type { ScheduledCallDeps } from './check-store.js';

export interface CheckCycleDeps extends ScheduledCallDeps {
  /** Clerk's page and the probes as they are now. */
  signals: () => VerdictSignals;
}

const MAX_STATE_CONFLICTS = 20;

export class CheckCycle {
  constructor(private readonly deps: CheckCycleDeps) {}

  /** Runs `check` for `slot` unless another replica (or an earlier tick) already did. */
  async run(check: CheckDefinition, slot: string): Promise<RunResult | undefined> {
    const { store, http, log, observer } = this.deps;
    if (!this.deps.isLeader() || !(await store.claimSlot('check', check.name, slot))) return undefined;
    const answer = await http.call({
      url: check.url,
      method: check.method,
      headers: check.headers,
      timeoutMs: check.timeoutMs,
    });
    const run = evaluate(slot, answer, check.expect);
    await store.addRun(check.name, run);
    observer?.checkRun?.(check.name, run);
    const failing = await this.advance(check, run);
    observer?.checkState?.(check.name, failing);
    if (!run.ok)
      log.info(
        { check: check.name, slot, status: run.status, latencyMs: run.latencyMs, error: run.error },
        'own check failed',
      );
    return run;
  }

  /** Moves the state on by compare-and-set (another writer means: read again); true while the check fails. */
  private async advance(check: CheckDefinition, run: RunResult): Promise<boolean> {
    const { store } = this.deps;
    for (let attempt = 0; attempt < MAX_STATE_CONFLICTS; attempt++) {
      const before = await store.state(check.name);
      const { state, events } = afterRun(
        check.name,
        before ?? NEW_CHECK,
        run,
        check.failures,
        verdictOf(this.deps.signals()),
      );
      if (events.length > 0) await this.deps.enqueue(events);
      if (state === before || (await store.saveState(check.name, before, state))) return state.failures > 0;
    }
    this.deps.log.warn(
      { check: check.name },
      'the check state kept changing under this run; the next run catches up',
    );
    return run.ok === false;
  }
}
