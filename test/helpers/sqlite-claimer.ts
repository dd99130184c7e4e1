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
// Each process walks the keys from its own starting point, about one a millisecond, so they meet and contend.
const total = Number(count);
const startAt = (name.charCodeAt(0) * 97) % total;
for (let step = 0; step < total; step++) {
  const key = `race:${(startAt + step) % total}`;
  if (await store.setIfAbsent(key, { by: name }, 60_000)) won.push(key);
  await new Promise((resolve) => setTimeout(resolve, 1));
}
await store.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
