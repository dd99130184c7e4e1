/**
 * The state file of the JSON-file version (before the embedded database): read once for the import, then
 * renamed `*.migrated`, so it is never imported twice and stays on disk for a rollback.
 */
import { readFile, rename } from 'node:fs/promises';
import type { LegacyEntries, LegacyState } from '../../app/ports/store.js';
import { BotError } from '../../core/errors.js';

interface LegacyFile {
  version: 1;
  entries: LegacyEntries;
}

export function legacyStateFile(path: string): LegacyState {
  return {
    path,
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new BotError('STORE_UNAVAILABLE', `Cannot read the old state file ${path}`, { cause: error });
      }
      try {
        const parsed = JSON.parse(text) as LegacyFile;
        if (parsed.version !== 1 || typeof parsed.entries !== 'object')
          throw new Error('not a version 1 state file');
        return parsed.entries;
      } catch (error) {
        // Refuse to start over silently: an empty state would re-announce everything as new.
        throw new BotError(
          'STORE_CORRUPT',
          `The old state file ${path} is not valid; move it aside to start fresh`,
          {
            cause: error,
          },
        );
      }
    },
    async markMigrated() {
      await rename(path, `${path}.migrated`);
    },
  };
}
