/**
 * The embedded default store: keyv over the SQLite database for reads, writes and TTLs, and the atomic
 * operations (claim, compare-and-set/delete/expire, batches, indexes) as immediate transactions on the database
 * itself, so they hold across every process that opens the same file. Expired rows are pruned in small batches.
 */

import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { Store, StoreWrite } from '../../app/ports/store.js';
import { sameJson } from '../../core/status-page/same-state.js';
import { type AtomicOps, createKeyv, envelope, KeyvStore } from './keyv-store.js';
import { openDatabase, saveRemovedWal, walInode, walRemoved } from './sqlite-database.js';

const PRUNE_BATCH = 500;

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    get: db.prepare<[string, number], { value: string }>(
      'SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)',
    ),
    getMany: db.prepare<[string, number], { key: string; value: string }>(
      'SELECT key, value FROM kv WHERE key IN (SELECT value FROM json_each(?)) AND (expires IS NULL OR expires > ?)',
    ),
    set: db.prepare<[string, string, number | null, number | null]>(
      'INSERT INTO kv (key, value, expires, ttl) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires, ttl = excluded.ttl',
    ),
    delete: db.prepare<[string], { expires: number | null }>(
      'DELETE FROM kv WHERE key = ? RETURNING expires',
    ),
    indexAdd: db.prepare<[string, string]>('INSERT OR IGNORE INTO members (name, member) VALUES (?, ?)'),
    indexRemove: db.prepare<[string, string]>('DELETE FROM members WHERE name = ? AND member = ?'),
    members: db.prepare<[string], { member: string }>(
      'SELECT member FROM members WHERE name = ? ORDER BY member',
    ),
    prune: db.prepare<[number, number]>(
      'DELETE FROM kv WHERE key IN (SELECT key FROM kv WHERE expires IS NOT NULL AND expires <= ? LIMIT ?)',
    ),
    clear: db.prepare('DELETE FROM kv'),
    // Rows written by a clock that has since been set back: their expiry is further away than their TTL.
    fromTheFuture: db.prepare<[number], { one: number }>(
      'SELECT 1 AS one FROM kv WHERE ttl IS NOT NULL AND expires - ttl > ? LIMIT 1',
    ),
    clampToNow: db.prepare<[number, number]>(
      'UPDATE kv SET expires = ? + ttl WHERE ttl IS NOT NULL AND expires - ttl > ?',
    ),
  };
}

const ttlOf = (ttlMs: number | undefined) => (ttlMs && ttlMs > 0 ? ttlMs : null);
const expiresAt = (ttlMs: number | undefined, now: number) => (ttlMs && ttlMs > 0 ? now + ttlMs : null);

/** How far ahead of the clock a row may have been written (clocks of processes on one host agree). */
const CLOCK_TOLERANCE_MS = 1_000;

/**
 * The wall clock can be set back (an NTP step, a restored VM): a row written before that expires later than its TTL
 * says, by as much as the clock went back, so a dead leader's lease would hold for an hour after the clock went back
 * an hour. Such rows are given their TTL again from now. Idempotent: any number of processes may run it.
 */
function clampRowsFromTheFuture(sql: Statements, now: number): void {
  if (!sql.fromTheFuture.get(now + CLOCK_TOLERANCE_MS)) return; // a read: no write lock taken when there are none
  sql.clampToNow.run(now, now + CLOCK_TOLERANCE_MS);
}

/** The thinnest keyv storage adapter: rows in, rows out; keyv itself does the envelopes. */
class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  opts = {};
  namespace?: string;

  /** The statements of the connection open now (it is reopened if its write-ahead log is removed). */
  constructor(private readonly statements: () => Statements) {
    super();
  }

  private get sql(): Statements {
    return this.statements();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.sql.get.get(key, Date.now())?.value as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<StoredData<Value | undefined>[]> {
    const rows = new Map(this.sql.getMany.all(JSON.stringify(keys), Date.now()).map((r) => [r.key, r.value]));
    return keys.map((key) => rows.get(key) as StoredData<Value | undefined>);
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    const now = Date.now();
    this.sql.set.run(key, value, expiresAt(ttl, now), ttlOf(ttl));
    return true;
  }

  async delete(key: string): Promise<boolean> {
    const row = this.sql.delete.get(key);
    return row !== undefined && (row.expires === null || row.expires > Date.now());
  }

  async clear(): Promise<void> {
    this.sql.clear.run();
  }
}

/** The atomic operations, each one immediate transaction (a writer lock across processes, waited for, not failed). */
function sqliteAtomics(db: Database.Database, sql: Statements): AtomicOps {
  const live = (key: string, now: number): unknown =>
    ((row) => (row ? (JSON.parse(row.value) as { value: unknown }).value : undefined))(sql.get.get(key, now));
  const put = (key: string, value: unknown, ttlMs: number | undefined, now: number) =>
    sql.set.run(key, envelope(value, ttlMs, now), expiresAt(ttlMs, now), ttlOf(ttlMs));
  const claim = db.transaction((key: string, value: unknown, ttlMs: number | undefined) => {
    const now = Date.now();
    const current = live(key, now);
    if (current !== undefined) return { claimed: false as const, current };
    put(key, value, ttlMs, now);
    return { claimed: true as const };
  });
  const compareAndSet = db.transaction(
    (key: string, expected: unknown, next: unknown, ttlMs: number | undefined) => {
      const now = Date.now();
      if (!sameJson(live(key, now), expected)) return false;
      put(key, next, ttlMs, now);
      return true;
    },
  );
  const compareAndDelete = db.transaction((key: string, expected: unknown) => {
    const current = live(key, Date.now());
    if (current === undefined || !sameJson(current, expected)) return false;
    sql.delete.run(key);
    return true;
  });
  const compareAndExpire = db.transaction((key: string, expected: unknown, ttlMs: number) => {
    const now = Date.now();
    const current = live(key, now);
    if (current === undefined || !sameJson(current, expected)) return false;
    put(key, current, ttlMs, now);
    return true;
  });
  const write = db.transaction((writes: StoreWrite[]) => {
    const now = Date.now();
    for (const w of writes) {
      if (w.op === 'set') put(w.key, w.value, w.ttlMs, now);
      else if (w.op === 'delete') sql.delete.run(w.key);
      else if (w.op === 'indexAdd') sql.indexAdd.run(w.index, w.member);
      else sql.indexRemove.run(w.index, w.member);
    }
  });
  return {
    claim: async (key, value, ttlMs) => claim.immediate(key, value, ttlMs),
    compareAndSet: async (key, expected, next, ttlMs) => compareAndSet.immediate(key, expected, next, ttlMs),
    compareAndDelete: async (key, expected) => compareAndDelete.immediate(key, expected),
    compareAndExpire: async (key, expected, ttlMs) => compareAndExpire.immediate(key, expected, ttlMs),
    write: async (writes) => write.immediate(writes),
    members: async (index) => sql.members.all(index).map((r) => r.member),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
  };
}

export interface SqliteStoreOptions {
  /** How often expired rows are pruned (a few hundred at a time). */
  pruneEveryMs?: number;
  /** How often the write-ahead log is checked and rows from before a clock set back are clamped. */
  upkeepEveryMs?: number;
  /** Something happened to the file that an operator must hear about (said once per occurrence). */
  onFault?: (message: string) => void;
}

interface Connection {
  db: Database.Database;
  sql: Statements;
  ops: AtomicOps;
  /** The write-ahead log this connection writes to (its inode). */
  wal: number | undefined;
}

function connect(path: string): Connection {
  const db = openDatabase(path);
  const sql = prepare(db);
  return { db, sql, ops: sqliteAtomics(db, sql), wal: walInode(path) };
}

/** Every atomic operation on whichever connection is open when it is called. */
function onCurrent(current: () => AtomicOps): AtomicOps {
  return {
    claim: (key, value, ttlMs) => current().claim(key, value, ttlMs),
    compareAndSet: (key, expected, next, ttlMs) => current().compareAndSet(key, expected, next, ttlMs),
    compareAndDelete: (key, expected) => current().compareAndDelete(key, expected),
    compareAndExpire: (key, expected, ttlMs) => current().compareAndExpire(key, expected, ttlMs),
    write: (writes) => current().write(writes),
    members: (index) => current().members(index),
    ping: () => current().ping(),
  };
}

export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  let conn = connect(path);
  const keyv = createKeyv(new SqliteKeyvAdapter(() => conn.sql), 'clerk-status');
  // Expired rows are invisible at once and deleted a few hundred at a time, so no write ever waits on a big delete.
  const pruner = setInterval(() => {
    try {
      conn.sql.prune.run(Date.now(), PRUNE_BATCH);
    } catch {
      // A failed prune (a full disk) is retried next minute; reads already skip expired rows.
    }
  }, options.pruneEveryMs ?? 60_000);
  pruner.unref();
  const upkeep = setInterval(() => {
    try {
      if (walRemoved(conn.wal, path)) {
        saveRemovedWal(conn.db);
        conn = connect(path);
        const said = `The database's write-ahead log (${path}-wal) was removed while the bot ran (${new Date().toISOString()}): what it held was saved into ${path} and the database reopened with a new log; nothing was lost. Never delete the -wal or -shm files of a database in use.`;
        options.onFault?.(said);
      }
      clampRowsFromTheFuture(conn.sql, Date.now());
    } catch {
      // Busy (another process in a transaction) or a full disk: tried again at the next tick.
    }
  }, options.upkeepEveryMs ?? 2_000);
  upkeep.unref();
  const close = async () => {
    clearInterval(pruner);
    clearInterval(upkeep);
    conn.db.close();
  };
  return new KeyvStore(
    'sqlite',
    keyv,
    onCurrent(() => conn.ops),
    close,
  );
}
