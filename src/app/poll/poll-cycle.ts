/**
 * One poll: fetch → validate → detect (core/detect/detect.ts) → queue the events → save what changed. Delivery
 * drains the queue separately (delivery-worker.ts), so a long fan-out never holds up the next poll.
 *
 * Crash safety: new events are written to the outbox before the snapshot moves on, so a crash at any
 * point either re-derives the same events (deduplicated by id in the outbox) or finds them still queued.
 * A failed fetch or an implausible page never produces change events; it only advances the source-health
 * state, which speaks once after several failures.
 */

import { type Detection, detect, type PageReading, type Seen } from '../../core/detect/detect.js';
import { HEALTHY, type SourceHealth } from '../../core/detect/source-health.js';
import { BotError, describeError } from '../../core/errors.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { Typical } from '../../core/events/history.js';
import type { Snapshot } from '../../core/events/page.js';
import { parseDocuments } from '../../core/status-page/parse.js';
import { sameJson, sameState } from '../../core/status-page/same-state.js';
import type { Outbox } from '../outbox.js';
import type { StatusQuery } from '../ports/driving.js';
import type { Clock, Log, PollObserver, PollOutcome } from '../ports/observability.js';
import type { StatusSource } from '../ports/status-page.js';
import type { Store, StoreWrite } from '../ports/store.js';

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
  /** How long incidents like this one usually took (from the history), for a new incident's parent. */
  typicalFor?: (incidentId: string, componentIds: string[]) => Promise<Typical | undefined>;
}

export class PollCycle implements StatusQuery {
  /** The latest good snapshot, for /clerk-status and the App Home. */
  latest: Snapshot | undefined;
  /** What the last poll of this process found (tests and the simulator read it). */
  lastOutcome: PollOutcome | undefined;
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
    this.lastOutcome = outcome;
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
    const at = new Date(now).toISOString();
    const reading = await this.read(at, signal);
    const [snapshot, health] = (await this.deps.store.getMany([STATE_KEYS.snapshot, STATE_KEYS.health])) as [
      Snapshot | undefined,
      SourceHealth | undefined,
    ];
    const seen = { snapshot, health };
    const detection = detect(seen, reading.page, now, {
      maxUpdateAgeMs: this.deps.maxUpdateAgeMs,
      unreachableAfter: this.deps.unreachableAfter ?? 3,
    });
    // Events are queued before the state moves on; then only what changed is written (an idle poll writes nothing).
    await this.enqueue(detection.events);
    await this.deps.store.write(changedState(seen, detection));
    const { failure } = detection;
    if (failure)
      return this.failed(
        reading.error ?? new BotError('STATUS_PAGE_INVALID', failure.implausibility ?? failure.reason),
        detection,
      );
    return this.succeeded(detection, now);
  }

  /** Fetches and validates the page; a failure is a reading like any other, never an exception. */
  private async read(at: string, signal?: AbortSignal): Promise<{ page: PageReading; error?: BotError }> {
    try {
      const documents = await this.deps.source.fetch(signal);
      this.deps.observer?.fetched?.(documents.bytes, documents.notModified);
      const parsed = parseDocuments(documents.summary, documents.incidents, at, this.deps.statusUrl);
      this.reportProblems(parsed.problems);
      return { page: { ok: true, snapshot: parsed.snapshot } };
    } catch (error) {
      const botError =
        error instanceof BotError
          ? error
          : new BotError('STATUS_PAGE_NETWORK', describeError(error), { cause: error });
      return { page: { ok: false, reason: describeError(botError) }, error: botError };
    }
  }

  private succeeded(detection: Detection, now: number): PollOutcome {
    if (detection.stale.length > 0)
      this.deps.log.info(
        {
          skipped: detection.stale.length,
          maxAgeHours: this.deps.maxUpdateAgeMs / 3_600_000,
          events: detection.stale.slice(0, 10).map((e) => e.id),
        },
        'recorded changes older than MAX_UPDATE_AGE_HOURS without announcing them',
      );
    const merged = detection.snapshot as Snapshot;
    this.latest = merged;
    this.lastSuccessAt = now;
    if (this.failureLogged)
      this.deps.log.info({ at: new Date(now).toISOString() }, 'status page answers again');
    this.failureLogged = false;
    if (detection.seeded)
      this.deps.log.info(
        { components: merged.components.length, incidents: merged.incidents.length },
        'seeded state from the status page; nothing announced',
      );
    return { ok: true, seeded: detection.seeded, events: detection.events };
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

  private failed(botError: BotError, detection: Detection): PollOutcome {
    const { log } = this.deps;
    // One warning when failures start, not one per tick; the unreachable event itself is logged by the sink.
    if (!this.failureLogged)
      log.warn(
        { code: botError.code, reason: botError.message },
        'status page poll failed; no events produced',
      );
    else log.debug({ code: botError.code, reason: botError.message }, 'status page poll failed again');
    this.failureLogged = true;
    return { ok: false, error: botError, events: detection.events };
  }

  /**
   * A new incident's event carries how long comparable incidents took (its id stays the data's: a re-derived event
   * is the same event). A history that cannot be read leaves it out; it never holds the alert back.
   */
  private async withTypical(events: BotEvent[]): Promise<BotEvent[]> {
    const { typicalFor } = this.deps;
    if (!typicalFor) return events;
    return Promise.all(
      events.map(async (event) => {
        if (event.kind !== 'incident.opened') return event;
        const ids = event.affected.map((c) => c.id);
        const typical = await typicalFor(event.incident.id, ids).catch(() => undefined);
        return typical ? { ...event, typical } : event;
      }),
    );
  }

  private async enqueue(events: BotEvent[]): Promise<void> {
    const added = await this.deps.outbox.append(await this.withTypical(events));
    if (added.length > 0) this.deps.onQueued?.();
  }
}

/** The writes that move the stored state to what this poll saw: only what changed. */
function changedState(seen: Seen, detection: Detection): StoreWrite[] {
  const writes: StoreWrite[] = [];
  const { snapshot } = detection;
  if (snapshot && !(seen.snapshot && sameState(seen.snapshot, snapshot)))
    writes.push({ op: 'set', key: STATE_KEYS.snapshot, value: snapshot });
  if (!sameJson(seen.health ?? HEALTHY, detection.health))
    writes.push({ op: 'set', key: STATE_KEYS.health, value: detection.health });
  return writes;
}
