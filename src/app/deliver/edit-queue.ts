/**
 * Parent edits waiting to be applied, one per thread: queuing an edit overwrites the one waiting, so however
 * many updates arrive, one chat.update carries the latest state. The queue lives in the store, so the final
 * state of every parent is still applied after a restart or a takeover.
 */
import type { RenderedMessage } from '../../core/render/types.js';
import { storeKey } from '../../core/store-keys.js';
import type { Store, StoreWrite } from '../ports.js';

export const EDITS_INDEX = 'edits:pending';

export interface PendingEdit {
  teamId: string;
  channelId: string;
  incidentId: string;
  parentTs: string;
  message: RenderedMessage;
  queuedAt: number;
  /** The incident is resolved: no edit follows this one, so its entry can leave the index once applied. */
  final: boolean;
  applied?: boolean;
}

/** Entries outlive any thread that still changes; an expired one simply leaves the index. */
const EDIT_TTL_MS = 30 * 24 * 3600 * 1000;

const editKey = (teamId: string, channelId: string, incidentId: string) =>
  storeKey('edit', teamId, channelId, incidentId);
const member = (edit: Pick<PendingEdit, 'teamId' | 'channelId' | 'incidentId'>) =>
  [edit.teamId, edit.channelId, edit.incidentId].map(encodeURIComponent).join(':');

export class EditQueue {
  constructor(private readonly store: Store) {}

  /** The writes that queue this edit (replacing one waiting for the same parent); batched with its record. */
  writesFor(edit: PendingEdit): StoreWrite[] {
    return [
      {
        op: 'set',
        key: editKey(edit.teamId, edit.channelId, edit.incidentId),
        value: edit,
        ttlMs: EDIT_TTL_MS,
      },
      { op: 'indexAdd', index: EDITS_INDEX, member: member(edit) },
    ];
  }

  /** Every edit waiting, oldest first. Entries applied for good (or expired) leave the index here. */
  async pending(): Promise<PendingEdit[]> {
    const members = await this.store.members(EDITS_INDEX);
    const edits = await this.store.getMany<PendingEdit>(members.map(keyOfMember));
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
    const key = editKey(edit.teamId, edit.channelId, edit.incidentId);
    await this.store.compareAndSet(key, edit, { ...edit, applied: true }, EDIT_TTL_MS);
  }
}

function keyOfMember(member: string): string {
  const [teamId = '', channelId = '', incidentId = ''] = member.split(':').map(decodeURIComponent);
  return editKey(teamId, channelId, incidentId);
}
