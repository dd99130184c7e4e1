/**
 * Threads as the store holds them. Before 0.2 a thread was keyed by `incidentId` and a warning's thread posed as
 * an incident (status "investigating", name "Early warning", no affected components). Those records are still
 * read, so an upgrade never loses a thread (and never posts a second parent): this turns either shape into today's.
 */
import type { ThreadState } from './types.js';

/** The pre-0.2 shape: every field of an incident thread, keyed by `incidentId`, with no `story`. */
interface ThreadBefore02 {
  incidentId: string;
  threadId?: undefined;
  story?: undefined;
  name?: string;
  affectedKey?: string;
  affectedIds?: string[];
  [field: string]: unknown;
}

export type StoredThread = ThreadState | ThreadBefore02;

/** A warning's thread before 0.2: what planWarning wrote for it, and nothing an incident's thread can be. */
function wasWarning(old: ThreadBefore02): boolean {
  return old.name === 'Early warning' && old.affectedKey === '' && (old.affectedIds?.length ?? 0) === 0;
}

export function threadFromStore(stored: StoredThread | undefined): ThreadState | undefined {
  if (!stored || stored.story !== undefined) return stored;
  const { incidentId, threadId: _none, ...rest } = stored;
  const base = rest as unknown as Omit<ThreadState, 'threadId' | 'story'>;
  if (wasWarning(stored)) {
    const { parentTs, generation, startedAt, resolved, gone } = base;
    return {
      story: 'warning',
      threadId: incidentId,
      parentTs,
      generation,
      startedAt,
      resolved,
      ...(gone ? { gone } : {}),
    };
  }
  return {
    ...(base as Omit<Extract<ThreadState, { story: 'incident' }>, 'threadId' | 'story'>),
    story: 'incident',
    threadId: incidentId,
  };
}
