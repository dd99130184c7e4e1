/**
 * A second process for the SQLite tests: opens a shared database file, says "ready", waits for the go file,
 * then claims keys and prints the ones it won. Every process starts at the same moment, so they really race.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';

const [path = '', count = '0', name = 'p', goFile = ''] = process.argv.slice(2);
const store = await openSqliteStore(path);
process.stdout.write('ready\n');
while (!existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
const won: string[] = [];
for (let i = 0; i < Number(count); i++) {
  if (await store.setIfAbsent(`race:${i}`, { by: name }, 60_000)) won.push(`race:${i}`);
  await new Promise((resolve) => setImmediate(resolve));
}
await store.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
