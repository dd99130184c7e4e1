/**
 * Benchmarks. Each case prints one table row; the process exits non-zero only on a correctness failure,
 * never on timing. Run with `npm run bench`.
 */
import { cpus } from 'node:os';
import { coreThroughput } from './core-throughput.js';
import { fanOut } from './fan-out.js';

export interface BenchRow {
  name: string;
  result: string;
  ok: boolean;
}

const cases: (() => Promise<BenchRow> | BenchRow)[] = [coreThroughput, () => fanOut()];

console.log(
  `clerk-status-bot benchmarks — node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}`,
);
console.log('| case | result | correct |');
console.log('|---|---|---|');
let failed = false;
for (const run of cases) {
  const row = await run();
  failed ||= !row.ok;
  console.log(`| ${row.name} | ${row.result} | ${row.ok ? 'yes' : 'NO'} |`);
}
process.exit(failed ? 1 : 0);
