/**
 * Parent edits waiting to be applied, one per thread: queuing an edit overwrites the one waiting, so however
 * many updates arrive, one chat.update carries the latest state. The queue lives in the store, so the final
 * state of every parent is still applied after a restart or a takeover.
 */
import type { RenderedMessage } from '../../core/render/types.js';
import { storeKey } from '../../core/store-keys.js';
import type { Store, StoreWrite } from '../ports/store.js';

export const EDITS_INDEX = 'edits:pending';

export interface PendingEdit {
  teamId: string;
  channelId: string;
  /** The thread whose parent this edits (an incident's or a warning's). */
  threadId: string;
  parentTs: string;
  message: RenderedMessage;
  queuedAt: number;
  /** The incident is resolved: no edit follows this one, so its entry can leave the index once applied. */
  final: boolean;
  applied?: boolean;
}

/** Entries outlive any thread that still changes; an expired one simply leaves the index. */
const EDIT_TTL_MS = 30 * 24 * 3600 * 1000;

/** Before 0.2 the thread's id was stored as `incidentId`: such entries are still read. */
type StoredEdit =
  | PendingEdit
  | (Omit<PendingEdit, 'threadId'> & { incidentId: string; threadId?: undefined });

const editKey = (teamId: string, channelId: string, threadId: string) =>
  storeKey('edit', teamId, channelId, threadId);
const member = (edit: Pick<PendingEdit, 'teamId' | 'channelId' | 'threadId'>) =>
  [edit.teamId, edit.channelId, edit.threadId].map(encodeURIComponent).join(':');

function fromStore(stored: StoredEdit): PendingEdit {
  if (stored.threadId !== undefined) return stored;
  const { incidentId, ...rest } = stored;
  return { ...rest, threadId: incidentId };
}

/** The same queued edit (not a newer one that replaced it): same parent, same time, same message. */
const sameEdit = (a: StoredEdit, b: PendingEdit) =>
  a.parentTs === b.parentTs &&
  a.queuedAt === b.queuedAt &&
  JSON.stringify(a.message) === JSON.stringify(b.message);

export class EditQueue {
  constructor(private readonly store: Store) {}

  /** The writes that queue this edit (replacing one waiting for the same parent); batched with its record. */
  writesFor(edit: PendingEdit): StoreWrite[] {
    return [
      {
        op: 'set',
        key: editKey(edit.teamId, edit.channelId, edit.threadId),
        value: edit,
        ttlMs: EDIT_TTL_MS,
      },
      { op: 'indexAdd', index: EDITS_INDEX, member: member(edit) },
    ];
  }

  /** Every edit waiting, oldest first. Entries applied for good (or expired) leave the index here. */
  async pending(): Promise<PendingEdit[]> {
    const members = await this.store.members(EDITS_INDEX);
    const stored = await this.store.getMany<StoredEdit>(members.map(keyOfMember));
    const edits = stored.map((e) => (e ? fromStore(e) : undefined));
    // Only entries that can never change again leave the index: no newer edit can be lost by removing them.
    const finished = members.filter((_, i) => {
      const edit = edits[i];
      return edit === undefined || (edit.applied === true && edit.final);
    });
    if (finished.length > 0)
      await this.store.write(
        finished.map((m) => ({ op: 'indexRemove' as const, index: EDITS_INDEX, member: m })),
      );
    return edits
      .filter((e): e is PendingEdit => e !== undefined && !e.applied)
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /** Marks an applied edit, unless a newer one replaced it meanwhile (that one is applied next). */
  async done(edit: PendingEdit): Promise<void> {
    const key = editKey(edit.teamId, edit.channelId, edit.threadId);
    // Compare with the entry as stored (it may be in the older shape), so a newer edit is never marked applied.
    const current = await this.store.get<StoredEdit>(key);
    if (!current || !sameEdit(current, edit)) return;
    await this.store.compareAndSet(key, current, { ...current, applied: true }, EDIT_TTL_MS);
  }
}

function keyOfMember(member: string): string {
  const [teamId = '', channelId = '', threadId = ''] = member.split(':').map(decodeURIComponent);
  return editKey(teamId, channelId, threadId);
}
