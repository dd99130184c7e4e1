/**
 * Own checks alongside polling: 20 checks every second against a fake app for about a minute, while the page changes
 * at random moments. Measured: change → message latency with and without the checks (the same run's baseline; the
 * poll must not slow down), and how late each check run starts after its slot (p95).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeAppServer } from '../devkit/fake-app-server.js';
import { measureDetection } from './detection-latency.js';
import type { BenchRow } from './run.js';
import { percentile } from './stats.js';

const CHECKS = 20;

export async function ownChecksAlongsidePolling(changes = 20): Promise<BenchRow[]> {
  const baseline = await measureDetection(changes);
  const app = await FakeAppServer.start();
  const file = join(await mkdtemp(join(tmpdir(), 'clerk-bench-checks-')), 'checks.yml');
  const entries = Array.from(
    { length: CHECKS },
    (_, i) =>
      `  - name: check-${i}\n    url: \${APP}/health/${i}\n    every: 1s\n    expect: { body: '"ok":true' }\n`,
  );
  await writeFile(file, `checks:\n${entries.join('')}`);
  const started = Date.now();
  const withChecks = await measureDetection(changes, { CHECKS_FILE: file, APP: app.url });
  const seconds = (Date.now() - started) / 1000;
  await app.close();
  // Each run's lateness: from its slot (a whole second) to its request reaching the app.
  const lateness = app.requests.map((r) => r.at % 1000);
  const p = (values: number[], q: number) => percentile(values, q);
  const runsExpected = CHECKS * Math.floor(seconds);
  return [
    {
      name: `own checks: ${CHECKS} checks every 1 s for ${seconds.toFixed(0)} s beside 1 s polls`,
      result: `change → message p50 ${p(withChecks.latencies, 50)} ms, p95 ${p(withChecks.latencies, 95)} ms with the checks; ${p(baseline.latencies, 50)} / ${p(baseline.latencies, 95)} ms without (same run); ratio p95 ${(p(withChecks.latencies, 95) / p(baseline.latencies, 95)).toFixed(2)}×`,
      ok: withChecks.latencies.length === changes && baseline.latencies.length === changes,
    },
    {
      name: 'own checks: runs on time',
      result: `${app.requests.length} runs (~${runsExpected} slots); start after the slot p50 ${p(lateness, 50)} ms, p95 ${p(lateness, 95)} ms, max ${Math.max(...lateness)} ms`,
      ok: app.requests.length >= runsExpected * 0.9,
    },
  ];
}
