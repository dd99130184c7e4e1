/**
 * Early-warning latency: the real bot probes the fake Clerk instance; at a random moment its Frontend API starts
 * answering 503 for good. Measured: from the first failed probe (the fake's clock) to the warning accepted by the
 * fake Slack, at 1 s and 30 s between probe rounds, against the floor the thresholds set (the rounds a warning
 * needs, minus one, times the interval). Correct: exactly one warning, none before the floor.
 */
import { startEarlyWarningRig } from '../devkit/harness/early-warning-rig.js';
import { until } from '../devkit/wait.js';
import { warningFloorMs } from '../src/core/early-warning/thresholds.js';
import type { BenchRow } from './run.js';

async function once(intervalSeconds: number): Promise<BenchRow> {
  const rig = await startEarlyWarningRig({ probeIntervalSeconds: intervalSeconds });
  try {
    const accepted: number[] = [];
    rig.slack.onActivity = (activity) => {
      const id = String(activity.message.metadata?.event_payload.delivery_id ?? '');
      if (activity.kind === 'post' && id.includes(':early-warning')) accepted.push(Date.now());
    };
    await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalSeconds * 1000));
    rig.clerk.mode.frontend = '503';
    await until('the warning', () => accepted.length > 0, { timeoutMs: (intervalSeconds * 8 + 30) * 1000 });
    const firstFailure = rig.clerk.requests.find((r) => r.mode !== 'ok')?.at ?? Number.NaN;
    const took = (accepted[0] as number) - firstFailure;
    const floor = warningFloorMs(intervalSeconds);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5, intervalSeconds) * 1000));
    return {
      name: `early-warning (${intervalSeconds} s rounds)`,
      result: `first failed probe → warning accepted by Slack ${(took / 1000).toFixed(2)} s (floor ${floor / 1000} s, +${((took - floor) / 1000).toFixed(2)} s)`,
      ok: accepted.length === 1 && took >= floor,
    };
  } finally {
    await rig.close();
  }
}

export function earlyWarningLatency(): Promise<BenchRow[]> {
  return Promise.all([once(1), once(30)]);
}
