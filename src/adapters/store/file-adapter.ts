/**
 * The thinnest keyv storage adapter for the embedded default: entries live in memory and every change is
 * written to one JSON file by write-to-temp, fsync, rename, so a crash leaves either the old file or the
 * new one, never a torn one. A set resolves only once its change is on disk. Writes that arrive while
 * one is in flight are coalesced into the next write.
 */
import { EventEmitter } from 'node:events';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { BotError } from '../../core/errors.js';

interface Entry {
  value: string;
  expires?: number;
}

interface FileFormat {
  version: 1;
  entries: Record<string, Entry>;
}

export class FileStoreAdapter extends EventEmitter implements KeyvStoreAdapter {
  opts: { path: string };
  namespace?: string;
  private readonly entries = new Map<string, Entry>();
  private writing: Promise<void> | undefined;
  private pending: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;

  private constructor(path: string) {
    super();
    this.opts = { path };
  }

  static async open(path: string): Promise<FileStoreAdapter> {
    const adapter = new FileStoreAdapter(path);
    await mkdir(dirname(path), { recursive: true });
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new BotError('STORE_UNAVAILABLE', `Cannot read the state file ${path}`, { cause: error });
      }
    }
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as FileFormat;
        for (const [key, entry] of Object.entries(parsed.entries ?? {})) adapter.entries.set(key, entry);
      } catch (error) {
        // Refuse to start over silently: an empty state would re-announce everything as new.
        throw new BotError(
          'STORE_CORRUPT',
          `The state file ${path} is not valid JSON; move it aside to start fresh`,
          {
            cause: error,
          },
        );
      }
    }
    return adapter;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires !== undefined && entry.expires <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as StoredData<Value>;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.entries.set(
      key,
      typeof ttl === 'number' && ttl > 0 ? { value, expires: Date.now() + ttl } : { value },
    );
    await this.persist();
    return true;
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.entries.delete(key);
    if (existed) await this.persist();
    return existed;
  }

  async clear(): Promise<void> {
    this.entries.clear();
    await this.persist();
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async disconnect(): Promise<void> {
    await this.writing;
  }

  /** Resolves when a write that includes every change made so far is on disk. */
  private persist(): Promise<void> {
    if (!this.writing) {
      this.writing = this.write().finally(() => this.afterWrite());
      return this.writing;
    }
    if (!this.pending) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.pending = { promise, resolve, reject };
    }
    return this.pending.promise;
  }

  private afterWrite(): void {
    this.writing = undefined;
    const next = this.pending;
    this.pending = undefined;
    if (next) this.persist().then(next.resolve, next.reject);
  }

  private async write(): Promise<void> {
    const now = Date.now();
    const entries: Record<string, Entry> = {};
    for (const [key, entry] of this.entries) {
      if (entry.expires === undefined || entry.expires > now) entries[key] = entry;
      else this.entries.delete(key);
    }
    const body = JSON.stringify({ version: 1, entries } satisfies FileFormat);
    const path = this.opts.path;
    const temp = `${path}.${process.pid}.tmp`;
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(body, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      const wrapped = new BotError('STORE_UNAVAILABLE', `Cannot write the state file ${path}`, {
        cause: error,
      });
      this.emit('error', wrapped);
      throw wrapped;
    }
  }
}
