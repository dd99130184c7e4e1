/** Saving the settings modal: validate, re-check permission, save, confirm in the channel ephemerally. */
import type { App } from '@slack/bolt';
import { refusal } from '../../../../core/permissions.js';
import { refusalText, renderSettingsSaved } from '../../../../core/render/command-replies.js';
import {
  readSettingsForm,
  SETTINGS_CALLBACK_ID,
  type ViewStateValues,
} from '../../../../core/render/settings-modal.js';
import { defaultSubscription } from '../../../../core/subscription.js';
import { channelFacts, userFacts } from '../../channel-facts.js';
import type { ListenerDeps } from '../deps.js';

export function registerSettingsSubmission(app: App, deps: ListenerDeps): void {
  app.view(SETTINGS_CALLBACK_ID, async ({ ack, body, view, client, context }) => {
    const components = deps.status().snapshot?.components ?? [];
    const form = readSettingsForm(view.private_metadata, view.state.values as ViewStateValues, components);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    if (form.target.teamId !== teamId) {
      return ack({
        response_action: 'errors',
        errors: { components: 'This form belongs to another workspace.' },
      });
    }
    const { channelId } = form.target;
    const userId = body.user.id;
    const refused = refusal(
      await channelFacts(client, channelId),
      await userFacts(client, channelId, userId),
      deps.adminUserIds,
    );
    if (refused) {
      return ack({
        response_action: 'errors',
        errors: { components: refusalText(refused, context.botUserId) },
      });
    }
    const now = new Date(deps.clock.now()).toISOString();
    const existing =
      (await deps.subscriptions.get(teamId, channelId)) ??
      defaultSubscription(teamId, channelId, userId, now);
    const byId = new Map(components.map((c) => [c.id, c.name]));
    const subscription = {
      ...existing,
      componentIds: form.componentIds,
      componentNames: form.componentIds.map((id) => byId.get(id) ?? id),
      minSeverity: form.minSeverity,
      maintenance: form.maintenance,
      mention: form.mention,
      updatedBy: userId,
      updatedAt: now,
    };
    await deps.subscriptions.put(subscription);
    await ack();
    deps.log.info({ team: teamId, channel: channelId, user: userId }, 'subscription settings saved');
    await client.chat.postEphemeral({
      channel: channelId,
      user: userId,
      ...renderSettingsSaved(subscription),
    });
    await deps.home.refresh(teamId);
  });
}
