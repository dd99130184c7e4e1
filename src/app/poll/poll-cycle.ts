/**
 * One poll: fetch → validate → diff against the stored snapshot → queue the events → save. Delivery
 * drains the queue separately (delivery-worker.ts), so a long fan-out never holds up the next poll.
 *
 * Crash safety: new events are written to the outbox before the snapshot moves on, so a crash at any
 * point either re-derives the same events (deduplicated by id in the outbox) or finds them still queued.
 * A failed fetch or an implausible page never produces change events; it only advances the source-health
 * state, which speaks once after several failures.
 */

import { carryOver } from '../../core/detect/carry-over.js';
import { diff } from '../../core/detect/diff.js';
import type { BotEvent } from '../../core/detect/events.js';
import { freshEvents, implausibility } from '../../core/detect/freshness.js';
import { groupComponentChanges } from '../../core/detect/group-changes.js';
import { HEALTHY, recordFailure, recordSuccess, type SourceHealth } from '../../core/detect/source-health.js';
import { BotError, describeError } from '../../core/errors.js';
import type { Snapshot } from '../../core/status-page/model.js';
import { parseDocuments } from '../../core/status-page/parse.js';
import { sameJson, sameState } from '../../core/status-page/same-state.js';
import type { Outbox } from '../outbox.js';
import type { Clock, Log, PollObserver, PollOutcome, StatusQuery, StatusSource, Store } from '../ports.js';

export const STATE_KEYS = {
  snapshot: 'watch:snapshot',
  health: 'watch:health',
} as const;

export interface PollCycleDeps {
  source: StatusSource;
  store: Store;
  outbox: Outbox;
  clock: Clock;
  log: Log;
  maxUpdateAgeMs: number;
  /** CLERK_STATUS_URL: every link to the page is built from it. */
  statusUrl?: string;
  /** Consecutive failed polls before `source.unreachable` is announced. */
  unreachableAfter?: number;
  observer?: PollObserver;
  /** Called after new events were queued (the delivery worker's kick). */
  onQueued?: () => void;
}

export class PollCycle implements StatusQuery {
  /** The latest good snapshot, for /clerk-status and the App Home. */
  latest: Snapshot | undefined;
  lastSuccessAt: number | undefined;
  private failureLogged = false;
  private problemsLogged = '';

  constructor(private readonly deps: PollCycleDeps) {}

  current(): { snapshot: Snapshot | undefined; lastCheckedAt: string | undefined } {
    return {
      snapshot: this.latest,
      lastCheckedAt:
        this.lastSuccessAt === undefined ? undefined : new Date(this.lastSuccessAt).toISOString(),
    };
  }

  async run(signal?: AbortSignal): Promise<PollOutcome> {
    const started = this.deps.clock.now();
    const outcome = await this.poll(started, signal);
    this.deps.observer?.polled?.(outcome, this.deps.clock.now() - started);
    return outcome;
  }

  /** Loads the stored snapshot into memory, so commands can answer before the first poll completes. */
  async warmUp(): Promise<void> {
    await this.follow();
  }

  /**
   * On a replica that does not poll: adopt the leader's latest snapshot from the store, and the leader's last
   * successful poll as the lease tells it. Resolves true when the snapshot changed, so App Home views refresh.
   */
  async follow(leaderPolledAt?: number): Promise<boolean> {
    const snapshot = await this.deps.store.get<Snapshot>(STATE_KEYS.snapshot);
    if (leaderPolledAt !== undefined) this.lastSuccessAt = leaderPolledAt;
    if (!snapshot || (this.latest && sameState(snapshot, this.latest))) {
      if (snapshot) this.latest = snapshot;
      return false;
    }
    this.latest = snapshot;
    return true;
  }

  private async poll(now: number, signal?: AbortSignal): Promise<PollOutcome> {
    const { store, log } = this.deps;
    const at = new Date(now).toISOString();
    let next: Snapshot;
    try {
      const documents = await this.deps.source.fetch(signal);
      this.deps.observer?.fetched?.(documents.bytes, documents.notModified);
      const parsed = parseDocuments(documents.summary, documents.incidents, at, this.deps.statusUrl);
      next = parsed.snapshot;
      this.reportProblems(parsed.problems);
    } catch (error) {
      return this.fail(error, at);
    }

    const [previous, storedHealth] = (await store.getMany([STATE_KEYS.snapshot, STATE_KEYS.health])) as [
      Snapshot | undefined,
      SourceHealth | undefined,
    ];
    const problem = implausibility(previous, next);
    if (problem) return this.fail(new BotError('STATUS_PAGE_INVALID', problem), at);

    const health = recordSuccess(storedHealth ?? HEALTHY, at);
    const merged = previous ? carryOver(previous, next) : next;
    const changes = previous ? freshEvents(diff(previous, merged), now, this.deps.maxUpdateAgeMs) : [];
    const events = [...health.events, ...groupComponentChanges(changes, merged.components.length)];

    // Events are queued before the snapshot moves on; then only what changed is written (an idle poll writes nothing).
    await this.enqueue(events);
    await store.write([
      ...(previous && sameState(previous, merged)
        ? []
        : [{ op: 'set' as const, key: STATE_KEYS.snapshot, value: merged }]),
      ...(sameJson(storedHealth ?? HEALTHY, health.health)
        ? []
        : [{ op: 'set' as const, key: STATE_KEYS.health, value: health.health }]),
    ]);
    this.latest = merged;
    this.lastSuccessAt = now;
    if (this.failureLogged) log.info({ at }, 'status page answers again');
    this.failureLogged = false;
    if (!previous)
      log.info(
        { components: merged.components.length, incidents: merged.incidents.length },
        'seeded state from the status page; nothing announced',
      );
    return { ok: true, seeded: !previous, events };
  }

  /** A page's readable-but-wrong data is logged once when it appears and once when it is gone, not every poll. */
  private reportProblems(problems: string[]): void {
    const key = problems.join('\n');
    if (key === this.problemsLogged) return;
    if (problems.length > 0)
      this.deps.log.warn({ problems }, 'the status page has data problems; read it anyway');
    else this.deps.log.info({}, 'the status page data problems are gone');
    this.problemsLogged = key;
  }

  private async fail(error: unknown, at: string): Promise<PollOutcome> {
    const botError =
      error instanceof BotError
        ? error
        : new BotError('STATUS_PAGE_NETWORK', describeError(error), { cause: error });
    const { store, log } = this.deps;
    const current = (await store.get<SourceHealth>(STATE_KEYS.health)) ?? HEALTHY;
    const step = recordFailure(current, at, describeError(botError), this.deps.unreachableAfter ?? 3);
    // One warning when failures start, not one per tick; the unreachable event itself is logged by the sink.
    if (!this.failureLogged)
      log.warn(
        { code: botError.code, reason: botError.message },
        'status page poll failed; no events produced',
      );
    else log.debug({ code: botError.code, reason: botError.message }, 'status page poll failed again');
    this.failureLogged = true;
    await this.enqueue(step.events);
    if (!sameJson(current, step.health)) await store.set(STATE_KEYS.health, step.health);
    return { ok: false, error: botError, events: step.events };
  }

  private async enqueue(events: BotEvent[]): Promise<void> {
    const added = await this.deps.outbox.append(events);
    if (added.length > 0) this.deps.onQueued?.();
  }
}
