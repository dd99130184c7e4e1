/** The early warning's vote buttons: ack at once, then hand the vote to the use case (it redraws the counts). */
import type { App, BlockButtonAction } from '@slack/bolt';
import { type VoteChoice, WARNING_VOTE_ACTIONS } from '../../../../core/render/early-warning.js';
import type { ListenerDeps } from '../deps.js';

export function registerWarningVotes(app: App, deps: ListenerDeps): void {
  for (const [choice, actionId] of Object.entries(WARNING_VOTE_ACTIONS) as [VoteChoice, string][]) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      const channelId = body.channel?.id;
      const messageTs = body.message?.ts;
      const teamId = body.team?.id ?? body.user.team_id;
      if (!channelId || !messageTs || !teamId || !action.value) return;
      try {
        await deps.earlyWarning.vote({
          ...{ teamId, channelId, messageTs, choice },
          userId: body.user.id,
          warningId: action.value,
        });
      } catch (error) {
        deps.log.warn(
          { team: teamId, channel: channelId, err: error },
          'could not record an early-warning vote',
        );
      }
    });
  }
}
