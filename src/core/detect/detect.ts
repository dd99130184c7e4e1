/**
 * detect(previous, page, now, policy): the whole detection recipe in one pure call. A page that could not be read
 * (or reads as implausible) never produces change events: it only advances the source's health, which speaks once
 * after several failures. A readable page is merged with what was seen (carry-over), diffed, filtered to what is
 * fresh enough to announce, and its component changes grouped one message per poll. The first page ever seen is
 * a seed: remembered, never announced.
 */
import { BotError, describeError } from '../errors.js';
import type { BotEvent } from '../events/bot-event.js';
import type { Snapshot } from '../events/page.js';
import { carryOver } from './carry-over.js';
import { diff } from './diff.js';
import { freshEvents, implausibility } from './freshness.js';
import { groupComponentChanges } from './group-changes.js';
import { HEALTHY, recordFailure, recordSuccess, type SourceHealth } from './source-health.js';

export interface DetectPolicy {
  /** Updates older than this are recorded, not announced (MAX_UPDATE_AGE_HOURS). */
  maxUpdateAgeMs: number;
  /** Consecutive failed polls before `source.unreachable` is announced. */
  unreachableAfter: number;
}

/** What the bot had seen before this poll. */
export interface Seen {
  snapshot: Snapshot | undefined;
  health: SourceHealth | undefined;
}

/** This poll's page: read and validated, or why not. */
export type PageReading = { ok: true; snapshot: Snapshot } | { ok: false; reason: string };

export interface Detection {
  events: BotEvent[];
  /** The source's health after this poll. */
  health: SourceHealth;
  /** What the bot has seen after this poll: the merged page, or the previous one when this poll failed. */
  snapshot: Snapshot | undefined;
  /** Why the page was not taken, when it was not (unreadable or implausible). */
  failure?: { reason: string; implausibility?: string };
  /** The first page ever seen: remembered, nothing announced. */
  seeded: boolean;
  /** Changes recorded but not announced: older than the age limit (history, not news). */
  stale: BotEvent[];
}

export function detect(previous: Seen, page: PageReading, now: number, policy: DetectPolicy): Detection {
  const at = new Date(now).toISOString();
  if (!page.ok) return failed(previous, at, page.reason, undefined, policy);
  const problem = implausibility(previous.snapshot, page.snapshot);
  if (problem)
    return failed(previous, at, describeError(new BotError('STATUS_PAGE_INVALID', problem)), problem, policy);

  const health = recordSuccess(previous.health ?? HEALTHY, at);
  const before = previous.snapshot;
  const merged = before ? carryOver(before, page.snapshot) : page.snapshot;
  const all = before ? diff(before, merged) : [];
  const changes = freshEvents(all, now, policy.maxUpdateAgeMs);
  return {
    events: [...health.events, ...groupComponentChanges(changes, merged.components.length)],
    health: health.health,
    snapshot: merged,
    seeded: !before,
    stale: all.filter((e) => !changes.includes(e)),
  };
}

function failed(
  previous: Seen,
  at: string,
  reason: string,
  implausibility: string | undefined,
  policy: DetectPolicy,
): Detection {
  const step = recordFailure(previous.health ?? HEALTHY, at, reason, policy.unreachableAfter);
  return {
    events: step.events,
    health: step.health,
    snapshot: previous.snapshot,
    failure: { reason, ...(implausibility ? { implausibility } : {}) },
    seeded: false,
    stale: [],
  };
}
