/** Each own check and job as people and /status see them: state, last result, the last 24 h summed up. */

import { checkPhase, NEW_CHECK } from '../../core/checks/check-state.js';
import type { CheckDefinition, JobDefinition } from '../../core/checks/definitions.js';
import { summarize } from '../../core/checks/run-history.js';
import type { RunResult } from '../../core/events/checks.js';
import type { ChecksQuery, ChecksReport } from '../ports/driving.js';
import type { CheckStore } from './check-store.js';

const DAY_MS = 24 * 3600_000;

export class ChecksReporter implements ChecksQuery {
  constructor(
    private readonly deps: {
      store: CheckStore;
      checks: CheckDefinition[];
      jobs: JobDefinition[];
      now: () => number;
    },
  ) {}

  async report(): Promise<ChecksReport> {
    return (await this.reportWithRuns()).report;
  }

  /** The report and each check's runs of the last 24 h it was made from (one read of the runs for both). */
  async reportWithRuns(): Promise<{ report: ChecksReport; runs: Record<string, RunResult[]> }> {
    const now = this.deps.now();
    const from = now - DAY_MS;
    const runs: Record<string, RunResult[]> = {};
    const checks = await Promise.all(
      this.deps.checks.map(async (check) => {
        const state = (await this.deps.store.state(check.name)) ?? NEW_CHECK;
        runs[check.name] = await this.deps.store.runsSince(check.name, from, now);
        const summary = summarize(runs[check.name] ?? [], new Date(from).toISOString());
        const last = state.last;
        return {
          name: check.name,
          state: checkPhase(state),
          lastRunAt: last?.at ?? null,
          lastStatus: last?.status ?? null,
          lastLatencyMs: last?.latencyMs ?? null,
          lastError: last?.error ?? null,
          runs: summary.runs,
          successRatio: summary.successRatio ?? null,
          p95LatencyMs: summary.p95LatencyMs ?? null,
          strip: summary.strip,
        };
      }),
    );
    const jobs = await Promise.all(
      this.deps.jobs.map(async (job) => {
        const record = await this.deps.store.job(job.name);
        return {
          name: job.name,
          lastRunAt: record.last?.at ?? null,
          lastOk: record.last ? record.last.ok : null,
          lastStatus: record.last?.status ?? null,
          lastAttempts: record.last?.attempts ?? null,
          nextRunAt: record.next ?? null,
          heldSlot: record.held ?? null,
        };
      }),
    );
    return { report: { checks, jobs }, runs };
  }
}
