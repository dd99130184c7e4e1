/** Parse + normalize recorded pages the way the poller does, for tests and benchmarks. */

import type { Snapshot } from '../src/core/events/page.js';
import { normalize } from '../src/core/status-page/normalize.js';
import { parseIncidents, parseSummary } from '../src/core/status-page/schemas.js';
import { loadTimeline, type Timeline } from './timeline.js';

export function snapshotOf(summary: unknown, incidents: unknown, fetchedAt: string): Snapshot {
  const s = parseSummary(summary);
  const i = parseIncidents(incidents);
  if (!s.ok) throw new Error(`summary invalid: ${s.problems.join('; ')}`);
  if (!i.ok) throw new Error(`incidents invalid: ${i.problems.join('; ')}`);
  return normalize(s.value, i.value, fetchedAt);
}

export function timelineSnapshots(timeline: Timeline | string): Snapshot[] {
  const t = typeof timeline === 'string' ? loadTimeline(timeline) : timeline;
  return t.steps.map((step) => snapshotOf(step.summary, step.incidents, step.fetchedAt));
}
