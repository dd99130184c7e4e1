/**
 * The embedded database's faults stop start-up with what happened and what to do, and touch nothing: a damaged file
 * (not a database at all, or pages overwritten), a file written by a newer version (its schema ahead of this code),
 * and a read-only place (a tmpfs remounted read-only; CI runs as root). The real process prints it and exits 1.
 */
import { execFile } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { spawnBot } from '../../devkit/harness/bot-process.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/adapters/store/sqlite-database.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { isBotError } from '../../src/core/errors.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI === 'true')
  throw new Error('the read-only test remounts a tmpfs and needs root');
if (!isRoot)
  console.warn('NOTICE: skipping the read-only database test: it remounts a tmpfs, which needs root');
const mounts: string[] = [];
afterAll(async () => {
  for (const mount of mounts) await run('umount', [mount]).catch(() => undefined);
});

function opening(path: string): { code?: string; message: string } {
  try {
    openDatabase(path).close();
    return { message: 'opened' };
  } catch (error) {
    return { code: isBotError(error) ? error.code : undefined, message: (error as Error).message };
  }
}

describe('the embedded database’s faults', () => {
  it('a file that is not a database: damaged, with the way out', async () => {
    const path = await tempStatePath();
    writeFileSync(path, 'this is not an SQLite database, just text that happens to be here\n'.repeat(100));
    const before = readFileSync(path);
    const { code, message } = opening(path);
    expect(code).toBe('STORE_CORRUPT');
    expect(message).toMatch(/is damaged \(SQLite: "file is not a database"\)/);
    expect(message).toContain(`mv ${path} ${path}.damaged`);
    expect(message).toContain('.recover');
    expect(readFileSync(path).equals(before)).toBe(true); // untouched
  });

  it('a database whose pages were overwritten: damaged, found at start', async () => {
    const path = await tempStatePath();
    const store = await openSqliteStore(path);
    for (let i = 0; i < 300; i++) await store.set(`key:${i}`, { filler: 'x'.repeat(200), i });
    await store.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8_192, 0xa5), 0, 8_192, 4_096 * 3); // two pages in the middle, garbage
    closeSync(fd);
    const { code, message } = opening(path);
    expect(code).toBe('STORE_CORRUPT');
    expect(message).toMatch(/is damaged/);
  });

  it('a database written by a newer version: refused, untouched', async () => {
    const path = await tempStatePath();
    (await openSqliteStore(path)).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const { code, message } = opening(path);
    expect(code).toBe('STORE_TOO_NEW');
    expect(message).toMatch(
      new RegExp(`newer version .*schema ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}`),
    );
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    after.close();
  });

  it.runIf(isRoot)('a read-only place: said as such', async () => {
    const mount = await mkdtemp(join(tmpdir(), 'clerk-ro-'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
    mounts.push(mount);
    const path = join(mount, 'state.db');
    (await openSqliteStore(path)).close();
    await run('mount', ['-o', 'remount,ro', mount]);
    const { code, message } = opening(path);
    expect(code).toBe('STORE_READ_ONLY');
    expect(message).toMatch(/cannot be written \((EROFS|SQLITE_READONLY)/);
  });

  it('the real process prints the cause and the way out, and exits 1', async () => {
    const path = await tempStatePath();
    writeFileSync(path, 'not a database\n'.repeat(200));
    const page = await FakeStatusPage.start();
    const bot = spawnBot({ CLERK_STATUS_URL: page.url, STORE_URL: `file:${path}` });
    const exitCode = await new Promise<number | null>((resolve) => bot.child.once('exit', resolve));
    await page.close();
    expect(exitCode).toBe(1);
    const said = bot.logs.map((l) => String(l.raw ?? '')).join('\n');
    expect(said).toMatch(/failed to start: STORE_CORRUPT: The database .* is damaged/);
    expect(said).toContain('.damaged');
  });
});
