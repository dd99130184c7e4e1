/**
 * The embedded database file: one row per key with an expiry column, one row per index member, WAL mode and a
 * busy timeout, so several processes on one host share it like replicas (a writer waits for another's
 * transaction instead of failing). The directory and file are owner-only: they hold installation tokens. A
 * network filesystem is refused: SQLite's locks are not reliable there, and exactly-once rests on them.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BotError } from '../../core/errors.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
CREATE TABLE IF NOT EXISTS members (name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (name, member)) WITHOUT ROWID;
`;

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

export function openDatabase(path: string): Database.Database {
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    refuseNetworkFilesystem(dirname(file));
    // Create it owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    const db = new Database(file, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a killed process (what exactly-once is tested against); a power loss may lose
    // the last transactions.
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    if (error instanceof BotError) throw error;
    throw new BotError('STORE_UNAVAILABLE', `Cannot open the database ${file}`, { cause: error });
  }
}
