/**
 * What the embedded database promises beyond the store contract: it survives a restart, keeps its files
 * owner-only, makes claims atomic across processes, fails loudly on a full disk and recovers when space
 * returns, prunes expired rows, and refuses a network filesystem.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { until } from '../../devkit/wait.js';
import { filesystemOf } from '../../src/adapters/store/sqlite-database.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { isBotError } from '../../src/core/errors.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  if (process.env.CI === 'true')
    throw new Error('the full-disk test mounts a tmpfs and needs root, as CI runs');
  console.warn('NOTICE: skipping the full-disk test: it mounts a small tmpfs, which needs root');
}

describe('sqlite store', () => {
  it('keeps its data across a reopen, in an owner-only directory and file', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'clerk-sqlite-')), 'nested');
    const path = join(dir, 'state.db');
    const first = await openSqliteStore(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => first.set(`k${i}`, { i })));
    await first.close();
    const second = await openSqliteStore(path);
    expect(await second.get('k49')).toEqual({ i: 49 });
    await second.close();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await rm(dir, { recursive: true, force: true });
  });

  it('lets exactly one of several processes claim each key of a shared file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clerk-sqlite-'));
    const path = join(dir, 'state.db');
    await (await openSqliteStore(path)).close();
    const claimer = join(import.meta.dirname, '../helpers/sqlite-claimer.ts');
    const goFile = join(dir, 'go');
    const children = ['a', 'b', 'c'].map((name) => {
      const child = spawn(process.execPath, ['--import', 'tsx', claimer, path, '300', name, goFile], {
        cwd: join(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      const done = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
      return { ready: () => out.startsWith('ready'), done };
    });
    await until('every claimer ready', () => children.every((c) => c.ready()), { timeoutMs: 20_000 });
    await writeFile(goFile, '');
    const won = (await Promise.all(children.map((c) => c.done))).map(
      (out) => JSON.parse(out.split('\n')[1] ?? '[]') as string[],
    );
    const all = won.flat();
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    expect(won.filter((list) => list.length > 0).length).toBeGreaterThan(1); // they really raced
  }, 30_000);

  it('prunes expired rows in small batches, and never returns one meanwhile', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'clerk-sqlite-')), 'state.db');
    const store = await openSqliteStore(path, { pruneEveryMs: 100 });
    await store.write(
      Array.from({ length: 700 }, (_, i) => ({ op: 'set' as const, key: `old${i}`, value: i, ttlMs: 50 })),
    );
    await store.set('keep', 1);
    await sleep(80);
    expect(await store.get('old1')).toBeUndefined();
    const rows = () =>
      (new Database(path, { readonly: true }).prepare('SELECT count(*) AS n FROM kv').get() as { n: number })
        .n;
    await sleep(400);
    expect(rows()).toBe(1);
    await store.close();
  });

  it.runIf(isRoot)(
    'fails a write loudly on a full disk, keeps what it had, and works again when space returns',
    async () => {
      const mount = await mkdtemp(join(tmpdir(), 'clerk-full-'));
      await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
      try {
        const store = await openSqliteStore(join(mount, 'state.db'));
        await store.set('before', 'kept');
        const filler = join(mount, 'filler');
        await writeFile(filler, Buffer.alloc(1024 * 1024)).catch(() => undefined); // fills the disk (ENOSPC at the end)
        const big = 'x'.repeat(200_000);
        const failed = await store.set('during', big).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(isBotError(failed, 'STORE_UNAVAILABLE')).toBe(true);
        expect(String((failed as Error).cause)).toMatch(/full|SQLITE_FULL|disk/i);
        expect(await store.get('before')).toBe('kept');
        expect(await store.get('during')).toBeUndefined();
        await rm(filler);
        await store.set('after', big);
        expect(await store.get('after')).toBe(big);
        await store.close();
      } finally {
        await run('umount', [mount]);
      }
    },
  );

  it('refuses a database on a network filesystem, and tells which', () => {
    const mounts = [
      'overlay / overlay rw 0 0',
      'server:/export /mnt/shared nfs4 rw 0 0',
      'tmpfs /mnt/shared/tmp tmpfs rw 0 0',
      '//nas/data /data cifs rw 0 0',
    ].join('\n');
    expect(filesystemOf('/mnt/shared/bot', mounts)).toBe('nfs4');
    expect(filesystemOf('/mnt/shared/tmp/bot', mounts)).toBe('tmpfs');
    expect(filesystemOf('/data', mounts)).toBe('cifs');
    expect(filesystemOf('/home/bot', mounts)).toBe('overlay');
    expect(filesystemOf('/mnt/sharedx', mounts)).toBe('overlay');
  });

  it('creates the database directory if needed and reports an unusable path clearly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clerk-sqlite-'));
    await mkdir(join(dir, 'is-a-file-dir'));
    await writeFile(join(dir, 'blocker'), 'x');
    await expect(openSqliteStore(join(dir, 'blocker', 'state.db'))).rejects.toSatisfy((e) =>
      isBotError(e, 'STORE_UNAVAILABLE'),
    );
  });

  it('opens a 0.2.0 file (no ttl column): adds the column, keeps every row', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'clerk-sqlite-')), 'state.db');
    const old = new Database(path);
    old.exec(
      'CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER) WITHOUT ROWID; PRAGMA user_version = 1;',
    );
    old.prepare('INSERT INTO kv VALUES (?, ?, NULL)').run('sub:a', JSON.stringify({ value: { on: true } }));
    old.close();
    const store = await openSqliteStore(path);
    expect(await store.get('sub:a')).toEqual({ on: true });
    await store.set('lease', { token: 't' }, 60_000);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT ttl FROM kv WHERE key = ?').get('lease')).toEqual({ ttl: 60_000 });
    db.close();
  });

  it('gives rows written before the clock was set back their TTL again from now', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'clerk-sqlite-')), 'state.db');
    const store = await openSqliteStore(path, { upkeepEveryMs: 50 });
    await store.set('lease', { token: 't' }, 1_000);
    // As if written an hour ahead of today's clock: the clock was set back an hour after the write.
    const db = new Database(path);
    db.prepare('UPDATE kv SET expires = expires + 3600000 WHERE ttl IS NOT NULL').run();
    await until(
      'the lease expired a TTL from now, not in an hour',
      async () => (await store.get('lease')) === undefined,
      {
        timeoutMs: 5_000,
      },
    );
    db.close();
    await store.close();
  });
});
