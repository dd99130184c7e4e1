/**
 * A check's recent runs summed up for people: success ratio and p95 latency over a window, and a strip of the last
 * runs (▁ fast … █ slow, ✕ failed) that reads at a glance in Slack. Pure.
 */
import type { RunResult } from '../events/checks.js';

export interface RunSummary {
  runs: number;
  /** Share of runs that passed, 0..1; undefined with no runs. */
  successRatio: number | undefined;
  p95LatencyMs: number | undefined;
  /** The last runs, oldest first. */
  strip: string;
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const STRIP_LENGTH = 20;

export function summarize(runs: RunResult[], from: string): RunSummary {
  const inWindow = runs.filter((r) => r.at >= from).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const latencies = inWindow
    .filter((r) => r.ok)
    .map((r) => r.latencyMs)
    .sort((a, b) => a - b);
  const p95 =
    latencies.length > 0
      ? latencies[Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)]
      : undefined;
  return {
    runs: inWindow.length,
    successRatio: inWindow.length > 0 ? inWindow.filter((r) => r.ok).length / inWindow.length : undefined,
    p95LatencyMs: p95,
    strip: strip(inWindow.slice(-STRIP_LENGTH)),
  };
}

/** Each run as one character: its latency against the slowest shown, or ✕ when it failed. */
function strip(runs: RunResult[]): string {
  const slowest = Math.max(1, ...runs.filter((r) => r.ok).map((r) => r.latencyMs));
  return runs
    .map((r) =>
      r.ok
        ? (BARS[Math.min(BARS.length - 1, Math.floor((r.latencyMs / slowest) * (BARS.length - 1)))] ?? '▁')
        : '✕',
    )
    .join('');
}
