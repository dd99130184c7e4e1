/**
 * A channel that subscribes while incidents are open should not wait for their next update to hear of them: one
 * `incident.caughtUp` per open incident, for that channel only, carries the incident as it stands. The id names
 * the channel and the incident's latest update, so a repeated subscribe in the same state is not posted twice.
 */

import type { BotEvent } from '../events/bot-event.js';
import { eventId } from '../events/ids.js';
import type { Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { affectedComponents, summarize } from './incidents.js';

export type CaughtUp = Extract<BotEvent, { kind: 'incident.caughtUp' }>;

export function catchUpEvents(snapshot: Snapshot, target: { teamId: string; channelId: string }): CaughtUp[] {
  return snapshot.incidents
    .filter((incident) => !isClosed(incident))
    .map((incident) => ({
      kind: 'incident.caughtUp' as const,
      id: eventId(
        'incident',
        incident.id,
        'caught-up',
        target.teamId,
        target.channelId,
        incident.updates.at(-1)?.id ?? '',
      ),
      at: incident.updates.at(-1)?.at ?? incident.createdAt,
      target: { teamId: target.teamId, channelId: target.channelId },
      incident: summarize(incident),
      affected: affectedComponents(incident, snapshot),
    }));
}
