/** Saving the settings modal: hand the form to the use case, answer with its field errors or confirm it. */
import type { App } from '@slack/bolt';
import { SETTINGS_CALLBACK_ID, type ViewStateValues } from '../../../../core/render/settings-modal.js';
import { slackDirectory } from '../../slack-directory.js';
import type { ListenerDeps } from '../deps.js';

export function registerSettingsSubmission(app: App, deps: ListenerDeps): void {
  app.view(SETTINGS_CALLBACK_ID, async ({ ack, body, view, client, context }) => {
    const userId = body.user.id;
    const saved = await deps.commands.saveSettings(
      {
        teamId: body.team?.id ?? body.user.team_id ?? '',
        userId,
        privateMetadata: view.private_metadata,
        values: view.state.values as ViewStateValues,
        ...(context.botUserId ? { botUserId: context.botUserId } : {}),
      },
      slackDirectory(client),
    );
    if ('errors' in saved) return ack({ response_action: 'errors', errors: saved.errors });
    await ack();
    await client.chat.postEphemeral({ channel: saved.channelId, user: userId, ...saved.confirmation });
  });
}
