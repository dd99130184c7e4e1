/** App Home's DM button: ack at once, then the same use case as `/clerk-status dm` / `dm off`, and redraw the tab. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { DM_TOGGLE_ACTION } from '../../../../core/render/home-view.js';
import { slackDirectory } from '../../slack-directory.js';
import type { ListenerDeps } from '../deps.js';

export function registerDmToggle(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(DM_TOGGLE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) return;
    const userId = body.user.id;
    try {
      const intent =
        action.value === 'on' ? { kind: 'dm' as const, components: [] } : { kind: 'dm-off' as const };
      await deps.commands.change(
        intent,
        { teamId, channelId: '', channelName: '', userId },
        slackDirectory(client),
      );
      await deps.home.opened(teamId, userId);
    } catch (error) {
      deps.log.warn({ team: teamId, user: userId, err: error }, 'could not change DMs from App Home');
    }
  });
}
