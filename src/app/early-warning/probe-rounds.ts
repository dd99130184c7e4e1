/**
 * The last probe rounds this process ran, in memory, for the dashboard's latency chart (a few hours at the default
 * interval). The leader probes, so the leader's dashboard has the series; a restart starts it afresh.
 */
import type { ProbeResult } from '../../core/events/probes.js';
import type { ProbeObserver } from '../ports/observability.js';

export class ProbeRounds {
  private readonly rounds: { at: string; results: ProbeResult[] }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly kept = 480,
  ) {}

  add(results: ProbeResult[]): void {
    this.rounds.push({ at: new Date(this.now()).toISOString(), results });
    if (this.rounds.length > this.kept) this.rounds.splice(0, this.rounds.length - this.kept);
  }

  list(): { at: string; results: ProbeResult[] }[] {
    return [...this.rounds];
  }

  /** An observer that records each round and passes everything on to `next` (the metrics). */
  observing(next: ProbeObserver): ProbeObserver {
    return {
      probed: (results) => {
        this.add(results);
        next.probed?.(results);
      },
      phase: (phase) => next.phase?.(phase),
      lead: (leadMs) => next.lead?.(leadMs),
      queued: (events) => next.queued?.(events),
    };
  }
}
