/**
 * HTTP cron jobs, on the leader. Each scheduled time is fired once, whichever replica leads: the slot is claimed in
 * the store before the call and never fired again (a process killed mid-call leaves it claimed: at most once per
 * slot; the request carries the slot so the backend can tell a slot it already did). Network errors, 429 and 5xx are
 * retried with backoff; a job that still fails is one message. With holdWhileClerkDown, a slot due while Clerk is
 * down waits, stored, and fires once after recovery. A slot missed while the bot was down fires once at start if
 * it is less than one interval old (the next slot is stored each time one is scheduled).
 */
import type { JobDefinition } from '../../core/checks/definitions.js';
import { evaluate, retryable } from '../../core/checks/evaluate.js';
import { eventId } from '../../core/events/ids.js';
import type { OwnResponse } from '../ports/own-services.js';
import type { ScheduledCallDeps } from './check-store.js';

export interface JobCycleDeps extends ScheduledCallDeps {
  /** Clerk's page shows an open incident, or the early warning is out. */
  clerkDown: () => boolean;
  /** Waits between tries (tests shorten it). */
  backoffMs?: (attempt: number) => number;
}

/** The header that names the slot, so a backend can refuse a slot it already did. */
export const JOB_SLOT_HEADER = 'x-clerk-status-job-slot';

const defaultBackoff = (attempt: number) => Math.min(1_000 * 2 ** attempt, 30_000);

export class JobCycle {
  constructor(private readonly deps: JobCycleDeps) {}

  /** The slot came due: claim it, then hold it or fire it. */
  async due(job: JobDefinition, slot: string, reason: 'scheduled' | 'missed while down'): Promise<void> {
    const { store, log } = this.deps;
    if (!this.deps.isLeader() || !(await store.claimSlot('job', job.name, slot))) return;
    if (job.holdWhileClerkDown && this.deps.clerkDown()) {
      await store.updateJob(job.name, (r) => ({ ...r, held: slot }));
      this.deps.observer?.jobRun?.(job.name, 'held');
      log.info({ job: job.name, slot }, 'job held: Clerk is down; it fires once Clerk recovers');
      return;
    }
    if (reason !== 'scheduled')
      log.info({ job: job.name, slot }, `job fired at start: its slot was ${reason}`);
    await this.fire(job, slot);
  }

  /** Fires held slots once Clerk is up again (called every tick on the leader). */
  async releaseHeld(jobs: JobDefinition[]): Promise<void> {
    if (!this.deps.isLeader() || this.deps.clerkDown()) return;
    for (const job of jobs) {
      const held = (await this.deps.store.job(job.name)).held;
      if (held === undefined) continue;
      await this.deps.store.updateJob(job.name, ({ held: _, ...rest }) => rest);
      this.deps.log.info({ job: job.name, slot: held }, 'job fired after Clerk recovered (it was held)');
      await this.fire(job, held);
    }
  }

  /** Remembers the next slot, and fires a slot missed while the bot was down if it is less than an interval old. */
  async catchUp(job: JobDefinition, next: string, nowMs: number, intervalMs: number): Promise<void> {
    // The slot the bot expected next when it last ran; none for a job it never ran (nothing was missed).
    const missed = (await this.deps.store.job(job.name)).next;
    await this.deps.store.updateJob(job.name, (r) => ({ ...r, next }));
    if (missed === undefined || Date.parse(missed) > nowMs) return;
    if (nowMs - Date.parse(missed) < intervalMs) await this.due(job, missed, 'missed while down');
  }

  /** Stores the next slot as scheduled now. */
  scheduled(job: JobDefinition, next: string): Promise<void> {
    return this.deps.store.updateJob(job.name, (r) => ({ ...r, next }));
  }

  private async fire(job: JobDefinition, slot: string): Promise<void> {
    const { http, store, log } = this.deps;
    const backoff = this.deps.backoffMs ?? defaultBackoff;
    let answer: OwnResponse = { latencyMs: 0, error: 'not tried' };
    let attempts = 0;
    for (; attempts <= job.retries; attempts++) {
      if (attempts > 0) await new Promise((resolve) => setTimeout(resolve, backoff(attempts - 1)));
      answer = await http.call({
        url: job.url,
        method: job.method,
        headers: { ...job.headers, [JOB_SLOT_HEADER]: slot },
        timeoutMs: job.timeoutMs,
      });
      if (evaluate(slot, answer, {}).ok || !retryable(answer)) break;
    }
    const run = evaluate(slot, answer, {});
    const tries = Math.min(attempts + 1, job.retries + 1);
    await store.updateJob(job.name, (r) => ({ ...r, last: { ...run, attempts: tries } }));
    this.deps.observer?.jobRun?.(job.name, run.ok ? 'ok' : 'failed');
    if (run.ok) return log.info({ job: job.name, slot, attempts: tries, status: run.status }, 'job done');
    log.warn(
      { job: job.name, slot, attempts: tries, status: run.status, error: run.error },
      'job failed after its retries',
    );
    const failure = { name: job.name, slot, attempts: tries, last: run };
    await this.deps.enqueue([
      { kind: 'job.failed', id: eventId('job', job.name, slot, 'failed'), at: slot, job: failure },
    ]);
  }
}
