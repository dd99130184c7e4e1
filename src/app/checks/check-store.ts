/**
 * Own checks and jobs in the store: each check's state (failures in a row, the alert out), its runs in 5-minute
 * buckets kept 7 days (so a run rewrites one small bucket, and 24 h is 288 reads in one batch), the slots already
 * run (one run per slot whichever replica leads), and each job's last run, next slot and held slot.
 */
import type { CheckState } from '../../core/checks/check-state.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { RunResult } from '../../core/events/checks.js';
import { storeKey } from '../../core/store-keys.js';
import { updateAtomically } from '../compare-and-set.js';
import type { ChecksObserver, Log } from '../ports/observability.js';
import type { OwnHttp } from '../ports/own-services.js';
import type { Store } from '../ports/store.js';

export const RUNS_KEPT_MS = 7 * 24 * 3600_000;
const BUCKET_MS = 5 * 60_000;
const SLOT_REMEMBERED_MS = 2 * 24 * 3600_000;

export interface JobRecord {
  last?: RunResult & { attempts: number; held?: boolean };
  /** The next slot as scheduled when the bot last ran (ISO): a restart fires it once if it was missed. */
  next?: string;
  /** A slot waiting for Clerk to recover (holdWhileClerkDown). */
  held?: string;
}

const bucketOf = (at: string) => new Date(Math.floor(Date.parse(at) / BUCKET_MS) * BUCKET_MS).toISOString();

export class CheckStore {
  constructor(private readonly store: Store) {}

  /** True for the first caller of this slot, on any replica. */
  claimSlot(kind: 'check' | 'job', name: string, slot: string): Promise<boolean> {
    return this.store.setIfAbsent(storeKey(kind, 'slot', name, slot), true, SLOT_REMEMBERED_MS);
  }

  async state(name: string): Promise<CheckState | undefined> {
    return this.store.get<CheckState>(storeKey('check', 'state', name));
  }

  /** Replaces the state if nobody changed it since `expected` was read. */
  saveState(name: string, expected: CheckState | undefined, next: CheckState): Promise<boolean> {
    return this.store.compareAndSet(storeKey('check', 'state', name), expected, next, RUNS_KEPT_MS);
  }

  addRun(name: string, run: RunResult): Promise<void> {
    const key = storeKey('check', 'runs', name, bucketOf(run.at));
    return updateAtomically<RunResult[], void>(
      this.store,
      key,
      (runs = []) => ({
        next: runs.some((r) => r.at === run.at) ? undefined : [...runs, run],
        result: undefined,
      }),
      RUNS_KEPT_MS,
    );
  }

  /** Every run kept since `fromMs`, oldest first. */
  async runsSince(name: string, fromMs: number, nowMs: number): Promise<RunResult[]> {
    const keys: string[] = [];
    for (let t = Math.floor(fromMs / BUCKET_MS) * BUCKET_MS; t <= nowMs; t += BUCKET_MS)
      keys.push(storeKey('check', 'runs', name, new Date(t).toISOString()));
    const buckets = await this.store.getMany<RunResult[]>(keys);
    return buckets.flatMap((b) => b ?? []).filter((r) => Date.parse(r.at) >= fromMs);
  }

  async job(name: string): Promise<JobRecord> {
    return (await this.store.get<JobRecord>(storeKey('job', 'record', name))) ?? {};
  }

  updateJob(name: string, change: (record: JobRecord) => JobRecord): Promise<void> {
    return updateAtomically<JobRecord, void>(
      this.store,
      storeKey('job', 'record', name),
      (record = {}) => ({ next: change(record), result: undefined }),
      RUNS_KEPT_MS,
    );
  }
}

/** What running a check or a job needs, either way: where results go, the service, the outbox, who leads, and telling. */
export interface ScheduledCallDeps {
  store: CheckStore;
  http: OwnHttp;
  enqueue: (events: BotEvent[]) => Promise<void>;
  isLeader: () => boolean;
  log: Log;
  observer?: ChecksObserver;
}
