/**
 * The raw JSON of both documents → a Snapshot, or STATUS_PAGE_INVALID naming what did not match. A page that
 * fails here produces no events at all: a broken page never reads as a change.
 */
import { BotError } from '../errors.js';
import type { Snapshot } from '../events/page.js';
import { duplicateIds, normalize } from './normalize.js';
import { parseIncidents, parseSummary } from './schemas.js';

export interface ParsedPage {
  snapshot: Snapshot;
  /** What the page got wrong but could be read anyway (repeated ids, resolved first-wins). */
  problems: string[];
}

export function parseDocuments(
  summary: unknown,
  incidents: unknown,
  fetchedAt: string,
  statusUrl?: string,
): ParsedPage {
  const s = parseSummary(summary);
  if (!s.ok) {
    throw new BotError(
      'STATUS_PAGE_INVALID',
      `summary.json does not match the expected shape: ${s.problems.join('; ')}`,
    );
  }
  const i = parseIncidents(incidents);
  if (!i.ok) {
    throw new BotError(
      'STATUS_PAGE_INVALID',
      `incidents.json does not match the expected shape: ${i.problems.join('; ')}`,
    );
  }
  const duplicates = duplicateIds(s.value, i.value);
  return {
    snapshot: normalize(s.value, i.value, fetchedAt, statusUrl),
    problems:
      duplicates.length > 0 ? [`repeated ids (the first of each is used): ${duplicates.join(', ')}`] : [],
  };
}
