/**
 * The commands that change or prove one thing as text: `set <key> <value>` (one field of the settings modal) and
 * `test` (a sample alert posted here for real, through the delivery path's sender).
 */
import { plainMessage } from '../core/render/blocks.js';
import { renderSettingsSaved, renderUsage } from '../core/render/command-replies.js';
import { renderTestAlert } from '../core/render/test-alert.js';
import type { RenderedMessage } from '../core/render/types.js';
import type { Subscription } from '../core/subscriptions/subscription.js';
import { applySetting } from '../core/subscriptions/text-settings.js';
import type { CommandAnswer, CommandContext } from './ports/driving.js';
import type { SubscriptionRepo } from './subscriptions.js';

export interface TextCommandDeps {
  subscriptions: SubscriptionRepo;
  statusPageUrl: string;
  nowIso: () => string;
  /** Logs the change and refreshes App Home. */
  changed: (context: CommandContext, command: string) => void;
  testPost?: TestPoster;
}

/** Posts a message in a channel through the delivery path's sender (pacing, Slack's answers classified). */
export type TestPoster = (
  teamId: string,
  channelId: string,
  message: RenderedMessage,
  deliveryId: string,
) => Promise<void>;

/** A bad key or value changes nothing and says what is valid. */
export async function setCommand(
  deps: TextCommandDeps,
  key: string,
  value: string,
  context: CommandContext,
  existing: Subscription | undefined,
): Promise<CommandAnswer> {
  if (!existing)
    return { reply: renderUsage('This channel is not subscribed yet: run `/clerk-status subscribe` first.') };
  const change = applySetting(existing, key, value);
  if (!change.ok) return { reply: plainMessage(change.reason) };
  const subscription = { ...change.subscription, updatedBy: context.userId, updatedAt: deps.nowIso() };
  await deps.subscriptions.put(subscription);
  deps.changed(context, 'set');
  return { reply: renderSettingsSaved(subscription) };
}

/** If Slack refuses the post, the caller hears why, privately. */
export async function testCommand(deps: TextCommandDeps, context: CommandContext): Promise<CommandAnswer> {
  if (!deps.testPost) return { reply: renderUsage('Test posts need the Slack app (not console mode).') };
  const now = deps.nowIso();
  const message = renderTestAlert(context.userId, now, deps.statusPageUrl);
  try {
    await deps.testPost(context.teamId, context.channelId, message, `test:${context.channelId}:${now}`);
    return {
      reply: renderUsage(
        ':white_check_mark: Posted a test alert in this channel: that is what an alert looks like.',
      ),
    };
  } catch (error) {
    // Slack's code, as a code: anything else is not echoed (an error's text is not the caller's business).
    const slackCode = (error as { slackCode?: string }).slackCode;
    const code = slackCode && /^[a-z0-9_]+$/.test(slackCode) ? slackCode : 'an error';
    return {
      reply: plainMessage(
        `:warning: I could not post here: Slack answered \`${code}\`. Invite me to the channel, or check the app's scopes.`,
      ),
    };
  }
}
