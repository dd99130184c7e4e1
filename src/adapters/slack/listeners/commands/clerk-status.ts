/**
 * `/clerk-status`: status and help are answered in the ack itself (well inside 3 s, from memory). Commands
 * that change a subscription ack at once, check permission with Slack, then answer through respond().
 */
import type { App, RespondArguments, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Intent, parseCommand } from '../../../../core/command.js';
import { refusal } from '../../../../core/permissions.js';
import {
  renderFailure,
  renderHelp,
  renderRefusal,
  renderSubscribed,
  renderUnknownComponents,
  renderUnsubscribed,
  renderUsage,
} from '../../../../core/render/command-replies.js';
import { renderSettingsModal, type UserGroup } from '../../../../core/render/settings-modal.js';
import { renderStatusReply } from '../../../../core/render/status-reply.js';
import type { RenderedMessage } from '../../../../core/render/types.js';
import { defaultSubscription, resolveComponents } from '../../../../core/subscription.js';
import { channelFacts, slackErrorCode, userFacts } from '../../channel-facts.js';
import type { ListenerDeps } from '../deps.js';

export const COMMAND = '/clerk-status';

const ephemeral = (message: RenderedMessage): RespondArguments => ({
  response_type: 'ephemeral',
  ...message,
});

async function userGroups(client: WebClient): Promise<UserGroup[]> {
  try {
    const { usergroups } = await client.usergroups.list({ include_disabled: false });
    return (usergroups ?? []).flatMap((g) => (g.id && g.handle ? [{ id: g.id, handle: g.handle }] : []));
  } catch {
    return []; // usergroups:read is optional; without it the modal offers @here and @channel only
  }
}

async function change(
  intent: Intent,
  command: SlashCommand,
  client: WebClient,
  botUserId: string | undefined,
  deps: ListenerDeps,
) {
  const channel = await channelFacts(client, command.channel_id);
  const user =
    channel.visible && !channel.isIm
      ? await userFacts(client, command.channel_id, command.user_id)
      : undefined;
  const refused = refusal(
    channel,
    user ?? { id: command.user_id, isGuest: false, isMember: false },
    deps.adminUserIds,
  );
  if (refused) return { reply: renderRefusal(refused, botUserId) };

  const teamId = command.team_id;
  const now = new Date(deps.clock.now()).toISOString();
  const { snapshot } = deps.status();
  const existing = await deps.subscriptions.get(teamId, command.channel_id);

  if (intent.kind === 'unsubscribe') {
    const removed = await deps.subscriptions.remove(teamId, command.channel_id);
    return { reply: renderUnsubscribed(removed), changed: removed };
  }
  if (intent.kind === 'settings') {
    const base = existing ?? defaultSubscription(teamId, command.channel_id, command.user_id, now);
    await client.views.open({
      trigger_id: command.trigger_id,
      view: renderSettingsModal(
        base,
        snapshot?.components ?? [],
        await userGroups(client),
        command.channel_name,
      ),
    });
    return {};
  }
  if (intent.kind !== 'subscribe') return {};
  const components = snapshot?.components ?? [];
  const { matched, unknown } = resolveComponents(intent.components, components);
  if (intent.components.length > 0 && !snapshot) {
    return {
      reply: renderUsage(
        "I haven't read Clerk's status page yet, so I can't match component names. Try again in a minute.",
      ),
    };
  }
  if (unknown.length > 0) return { reply: renderUnknownComponents(unknown, components) };
  const subscription = {
    ...(existing ?? defaultSubscription(teamId, command.channel_id, command.user_id, now)),
    componentIds: matched.map((c) => c.id),
    componentNames: matched.map((c) => c.name),
    updatedBy: command.user_id,
    updatedAt: now,
  };
  const replaced = await deps.subscriptions.put(subscription);
  return { reply: renderSubscribed(subscription, replaced), changed: true };
}

export function registerClerkStatusCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client, context }) => {
    const intent = parseCommand(command.text ?? '');
    switch (intent.kind) {
      case 'help':
        return ack(ephemeral(renderHelp()));
      case 'invalid':
        return ack(ephemeral(renderUsage(intent.reason)));
      case 'status': {
        const { snapshot, lastCheckedAt } = deps.status();
        const reply = renderStatusReply({
          snapshot,
          lastCheckedAt,
          now: deps.clock.now(),
          staleAfterMs: deps.staleAfterMs,
          statusPageUrl: deps.statusPageUrl,
        });
        return ack({ response_type: intent.public ? 'in_channel' : 'ephemeral', ...reply });
      }
      default:
        break;
    }
    await ack();
    try {
      const result = await change(intent, command, client, context.botUserId, deps);
      if (result.changed) {
        deps.log.info(
          { team: command.team_id, channel: command.channel_id, user: command.user_id, command: intent.kind },
          'subscription changed',
        );
        await deps.home.refresh(command.team_id);
      }
      if (result.reply) await respond(ephemeral(result.reply));
    } catch (error) {
      deps.log.warn(
        { team: command.team_id, channel: command.channel_id, err: error },
        'slash command failed',
      );
      await respond(ephemeral(renderFailure(slackErrorCode(error)))).catch(() => undefined);
    }
  });
}
