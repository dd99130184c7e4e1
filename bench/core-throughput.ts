/** Parse + normalize + diff + render over every recorded timeline, repeated: the cost of the pure core. */

import { timelineSnapshots } from '../devkit/snapshots.js';
import { loadTimeline, timelineNames } from '../devkit/timeline.js';
import { carryOver } from '../src/core/detect/carry-over.js';
import { diff } from '../src/core/detect/diff.js';
import { renderConsoleLine } from '../src/core/render/console-line.js';
import type { BenchRow } from './run.js';

export function coreThroughput(): BenchRow {
  const timelines = timelineNames().map((name) => loadTimeline(name));
  const rounds = 200;
  let events = 0;
  let pairs = 0;
  const expectedPerRound = timelines.reduce((sum, t) => {
    const snaps = timelineSnapshots(t);
    return (
      sum +
      snaps
        .slice(1)
        .reduce((n, next, i) => n + diff(snaps[i] as never, carryOver(snaps[i] as never, next)).length, 0)
    );
  }, 0);
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const timeline of timelines) {
      const snapshots = timelineSnapshots(timeline); // parse + normalize every step
      for (let i = 1; i < snapshots.length; i++) {
        const previous = snapshots[i - 1];
        const next = snapshots[i];
        if (!previous || !next) continue;
        const found = diff(previous, carryOver(previous, next));
        for (const event of found) renderConsoleLine(event);
        events += found.length;
        pairs++;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    name: 'core: parse+normalize+diff+render over all fixtures',
    result: `${Math.round(pairs / seconds).toLocaleString('en')} snapshot pairs/s, ${Math.round(events / seconds).toLocaleString('en')} events/s (${(
      (seconds / pairs) * 1e3
    ).toFixed(3)} ms per poll)`,
    ok: events === expectedPerRound * rounds,
  };
}
