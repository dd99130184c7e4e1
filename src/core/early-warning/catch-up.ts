/**
 * A channel that subscribes while a warning is on gets it too, as it stands. The event is the warning's, under an
 * id of its own per channel (the warning's own id is long delivered); channels that have the warning already
 * plan nothing for it, since their thread exists.
 */

import type { BotEvent } from '../events/bot-event.js';
import { idPart } from '../events/ids.js';
import { facts, type SignalState } from './signal.js';

export function warningCatchUp(
  state: SignalState | undefined,
  teamId: string,
  channelId: string,
): BotEvent[] {
  const warning = state?.warning;
  if (warning?.status !== 'active' || state?.phase !== 'warning') return [];
  return [
    {
      kind: 'warning.raised',
      // The warning's id is encoded already; the channel's parts are encoded here.
      id: `${warning.id}:caught-up:${idPart(teamId)}:${idPart(channelId)}`,
      at: warning.raisedAt,
      warning: facts(warning),
    },
  ];
}
