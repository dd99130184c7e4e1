/**
 * The embedded database file: one row per key with an expiry column, one row per index member, WAL mode and a
 * busy timeout, so several processes on one host share it like replicas (a writer waits for another's
 * transaction instead of failing). The directory and file are owner-only: they hold installation tokens. A
 * network filesystem is refused: SQLite's locks are not reliable there, and exactly-once rests on them.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BotError } from '../../core/errors.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER, ttl INTEGER) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
CREATE TABLE IF NOT EXISTS members (name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (name, member)) WITHOUT ROWID;
`;

/** When each row was written, as its expiry minus its TTL: finds rows written before the clock was set back. */
const WRITTEN_INDEX = 'CREATE INDEX IF NOT EXISTS kv_written ON kv (expires - ttl) WHERE ttl IS NOT NULL;';

/**
 * Files from 0.2.0 have no ttl column: add it (old versions keep working with it: they never name it). Rows written
 * without it are never clamped, which only matters if the clock is set back before they are written again.
 */
function addTtlColumn(db: Database.Database): void {
  const columns = db.pragma('table_info(kv)') as { name: string }[];
  if (!columns.some((c) => c.name === 'ttl')) db.exec('ALTER TABLE kv ADD COLUMN ttl INTEGER');
  db.exec(WRITTEN_INDEX);
}

const NETWORK_FILESYSTEMS = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'fuse.sshfs',
  'afs',
  '9p',
  'glusterfs',
  'ceph',
  'fuse.s3fs',
]);

/** The filesystem type `path` lives on, from a /proc/mounts text (the longest mount point that contains it). */
export function filesystemOf(path: string, mounts: string): string | undefined {
  let best: { point: string; type: string } | undefined;
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const inside = path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length > best.point.length)) best = { point, type };
  }
  return best?.type;
}

function refuseNetworkFilesystem(path: string): void {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return; // not Linux: nothing to check against; the README says local disks only
  }
  const type = filesystemOf(path, mounts);
  if (type && NETWORK_FILESYSTEMS.has(type)) {
    throw new BotError(
      'CONFIG_INVALID',
      `STORE_URL: ${path} is on a network filesystem (${type}); the embedded database needs a local disk. Use a local path, or Redis for replicas on several hosts.`,
    );
  }
}

/** The schema this code reads and writes (PRAGMA user_version); a newer file is refused, never rewritten. */
export const SCHEMA_VERSION = 1;

/** Refuses a database written by a newer version; stamps a new (or pre-versioning) one with this version. */
function checkVersion(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new BotError(
      'STORE_TOO_NEW',
      `The database ${file} was written by a newer version of clerk-status-bot (schema ${version}; this version reads up to ${SCHEMA_VERSION}). Run that newer version again, or restore a copy of the file made before the upgrade; this version will not touch it.`,
    );
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/** SQLite's own words for a damaged file or a read-only location → what happened and what to do. */
function explain(error: unknown, file: string): BotError | undefined {
  const code = (error as { code?: string }).code ?? '';
  const said = (error as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new BotError(
      'STORE_CORRUPT',
      `The database ${file} is damaged (SQLite: "${said}"). Stop the bot, move the file aside (mv ${file} ${file}.damaged, and its -wal and -shm files), and start again: the bot seeds a new database and announces nothing old, but every channel must subscribe again. To try to save the subscriptions first: sqlite3 ${file}.damaged .recover | sqlite3 ${file}`,
      { cause: error },
    );
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
    return new BotError(
      'STORE_READ_ONLY',
      `The database ${file} cannot be written (${code}: ${said}). The bot must write its state there: make the file and its directory writable by the user the bot runs as, or point STORE_URL at a writable place.`,
      { cause: error },
    );
  return undefined;
}

/** Several processes starting at once on a new file contend for its first writes (the journal mode, the schema). */
const OPEN_TRIES = 20;
const busy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '');

export function openDatabase(path: string): Database.Database {
  const file = resolve(path);
  for (let attempt = 1; ; attempt++) {
    try {
      return openOnce(file);
    } catch (error) {
      if (error instanceof BotError) throw error;
      if (busy(error) && attempt < OPEN_TRIES) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * attempt); // start-up only: a short, blocking wait
        continue;
      }
      const said = `${(error as { code?: string }).code ?? 'error'}: ${(error as Error).message}`;
      throw (
        explain(error, file) ??
        new BotError('STORE_UNAVAILABLE', `Cannot open the database ${file} (${said})`, { cause: error })
      );
    }
  }
}

function openOnce(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  refuseNetworkFilesystem(dirname(file));
  // Create it owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file, { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a killed process (what exactly-once is tested against); a power loss may lose
    // the last transactions.
    db.pragma('synchronous = NORMAL');
    // A damaged file is found at start, not by the first delivery that reads the wrong page.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    // The version check and the schema in one immediate transaction: processes starting together take turns.
    db.transaction(() => {
      checkVersion(db, file);
      db.exec(SCHEMA);
      addTtlColumn(db);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The inode of the database's write-ahead log, if it exists. */
export function walInode(path: string): number | undefined {
  try {
    return statSync(`${resolve(path)}-wal`).ino;
  } catch {
    return undefined;
  }
}

/**
 * The log this connection writes to is gone from the directory (deleted by hand or by a clean-up script): the
 * connection keeps writing to the unlinked file, which vanishes with the process, so a crash would lose every write
 * since the last checkpoint, and a process opening the file now would start a second log beside it.
 */
export function walRemoved(opened: number | undefined, path: string): boolean {
  return opened !== undefined && walInode(path) !== opened;
}

/**
 * Saves what the removed log holds into the database file (the connection still has the log open) and closes the
 * connection; the caller opens a new one, with a new log. Throws if another process is mid-transaction (retry later).
 */
export function saveRemovedWal(db: Database.Database): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result?.busy)
    throw new BotError('STORE_UNAVAILABLE', 'the database is busy; the log is saved at the next try');
  db.close();
}
