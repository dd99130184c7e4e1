/**
 * The raw JSON of both documents → a Snapshot, or STATUS_PAGE_INVALID naming what did not match. A page that
 * fails here produces no events at all: a broken page never reads as a change.
 */
import { BotError } from '../errors.js';
import type { Snapshot } from './model.js';
import { normalize } from './normalize.js';
import { parseIncidents, parseSummary } from './schemas.js';

export function parseDocuments(summary: unknown, incidents: unknown, fetchedAt: string): Snapshot {
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
  return normalize(s.value, i.value, fetchedAt);
}
