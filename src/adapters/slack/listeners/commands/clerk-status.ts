/**
 * `/clerk-status`: status and help are answered in the ack itself (well inside 3 s, from memory). Commands
 * that change a subscription ack at once, then answer through respond() once the use case is done.
 */
import type { App, RespondArguments } from '@slack/bolt';
import { isBotError } from '../../../../core/errors.js';
import { renderFailure, renderStoreFailure } from '../../../../core/render/command-replies.js';
import type { RenderedMessage } from '../../../../core/render/types.js';
import { parseCommand } from '../../../../core/subscriptions/command.js';
import { slackDirectory, slackErrorCode } from '../../slack-directory.js';
import type { ListenerDeps } from '../deps.js';

export const COMMAND = '/clerk-status';

const ephemeral = (message: RenderedMessage): RespondArguments => ({
  response_type: 'ephemeral',
  ...message,
});

export function registerClerkStatusCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client, context }) => {
    const intent = parseCommand(command.text ?? '');
    const now = deps.commands.answerNow(intent);
    if (now) return ack({ response_type: now.inChannel ? 'in_channel' : 'ephemeral', ...now.reply });
    await ack();
    try {
      const answer = await deps.commands.change(
        intent,
        {
          teamId: command.team_id,
          channelId: command.channel_id,
          channelName: command.channel_name,
          userId: command.user_id,
          ...(context.botUserId ? { botUserId: context.botUserId } : {}),
        },
        slackDirectory(client),
      );
      if (answer.modal) await client.views.open({ trigger_id: command.trigger_id, view: answer.modal });
      if (answer.reply) await respond(ephemeral(answer.reply));
    } catch (error) {
      deps.log.warn(
        { team: command.team_id, channel: command.channel_id, err: error },
        'slash command failed',
      );
      const reply = isBotError(error, 'STORE_UNAVAILABLE')
        ? renderStoreFailure()
        : renderFailure(slackErrorCode(error));
      await respond(ephemeral(reply)).catch(() => undefined);
    }
  });
}
