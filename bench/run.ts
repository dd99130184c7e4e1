/**
 * Benchmarks. Each case prints one table row; the process exits non-zero only on a correctness failure,
 * never on timing. Run with `npm run bench`.
 */
import { cpus } from 'node:os';
import { coreThroughput } from './core-throughput.js';
import { detectionLatency } from './detection-latency.js';
import { earlyWarningLatency } from './early-warning.js';
import { fanOut, fanOutOnRedis } from './fan-out.js';
import { fanOutEdits } from './fan-out-edits.js';
import { fanOutWithEscalation } from './fan-out-escalation.js';
import { flapGuardNoise } from './flap-guard.js';
import { historySize } from './history-size.js';
import { idleRssAgainstBolt } from './idle-rss.js';
import { ownChecksAlongsidePolling } from './own-checks.js';
import { idleRssAfterAnHour, pollCycleCost } from './poll-cost.js';
import { slashCommands } from './slash-commands.js';
import { storeScale } from './store-scale.js';

export interface BenchRow {
  name: string;
  result: string;
  ok: boolean;
}

// Cases by name; `npm run bench -- fan-out` runs one.
const cases: Record<string, () => Promise<BenchRow | BenchRow[]> | BenchRow | BenchRow[]> = {
  'store-scale': () => storeScale(),
  'detection-latency': () => detectionLatency(),
  'early-warning': () => earlyWarningLatency(),
  'fan-out': () => fanOut(),
  'fan-out-redis': () => fanOutOnRedis(),
  'fan-out-edits': () => fanOutEdits(),
  'fan-out-escalation': () => fanOutWithEscalation(),
  'slash-commands': () => slashCommands(),
  'poll-cost': () => pollCycleCost(),
  'idle-memory': () => idleRssAfterAnHour(),
  'idle-rss-vs-bolt': () => idleRssAgainstBolt(),
  'core-throughput': coreThroughput,
  'own-checks': () => ownChecksAlongsidePolling(),
  'flap-guard': () => flapGuardNoise(),
  'history-size': () => historySize(),
};
const only = process.argv.slice(2);

console.log(
  `clerk-status-bot benchmarks — node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}`,
);
console.log('| case | result | correct |');
console.log('|---|---|---|');
let failed = false;
for (const [name, run] of Object.entries(cases)) {
  if (only.length > 0 && !only.includes(name)) continue;
  for (const row of [await run()].flat()) {
    failed ||= !row.ok;
    console.log(`| ${row.name} | ${row.result} | ${row.ok ? 'yes' : 'NO'} |`);
  }
}
process.exit(failed ? 1 : 0);
