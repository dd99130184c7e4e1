/**
 * `/clerk-status dm [components]` and `dm off`: alerts as direct messages to the caller, with their own component
 * filter. A DM subscription is a subscription like a channel's, on the DM channel the bot opens with the person
 * (conversations.open), so DMs go through the same delivery (exactly once, threads, edits) and end the same way (a
 * deactivated user's DM refuses posts: the subscription ends; an uninstall removes the workspace's). Anyone may do
 * it, guests too: it changes nothing for anyone else. Mentions mean nothing in a DM: none.
 */
import type { Component } from '../core/events/page.js';
import { plainMessage } from '../core/render/blocks.js';
import { renderUnknownComponents, renderUsage } from '../core/render/command-replies.js';
import { escapeText } from '../core/render/mrkdwn.js';
import { resolveComponents } from '../core/subscriptions/component-names.js';
import { defaultSubscription, type Subscription } from '../core/subscriptions/subscription.js';
import type { CommandAnswer, CommandContext } from './ports/driving.js';
import type { SlackDirectory } from './ports/slack.js';
import type { TextCommandDeps } from './text-commands.js';

export interface DmDeps extends TextCommandDeps {
  components: () => Component[] | undefined;
  /** Queues the incidents open now for this new subscription (as `subscribe` does); how many. */
  catchUp: (subscription: Subscription) => Promise<number>;
}

export async function dmCommand(
  deps: DmDeps,
  names: string[] | 'off',
  context: CommandContext,
  directory: SlackDirectory,
): Promise<CommandAnswer> {
  const opened = await directory.openDirectMessage(context.userId);
  if ('reason' in opened)
    return {
      reply: plainMessage(
        `:warning: I could not open a direct message with you (Slack said \`${escapeText(opened.reason)}\`).`,
      ),
    };
  const { teamId, userId } = context;
  if (names === 'off') {
    const removed = await deps.subscriptions.remove(teamId, opened.channelId);
    if (removed) deps.changed({ ...context, channelId: opened.channelId }, 'dm off');
    return {
      reply: plainMessage(
        removed
          ? ':no_bell: No more direct messages from me.'
          : 'You were not getting direct messages from me.',
      ),
    };
  }
  const components = deps.components();
  if (names.length > 0 && !components)
    return {
      reply: renderUsage(
        "I haven't read Clerk's status page yet, so I can't match component names. Try again in a minute.",
      ),
    };
  const { matched, unknown } = resolveComponents(names, components ?? []);
  if (unknown.length > 0) return { reply: renderUnknownComponents(unknown, components ?? []) };
  const existing = await deps.subscriptions.get(teamId, opened.channelId);
  const subscription: Subscription = {
    ...(existing ?? defaultSubscription(teamId, opened.channelId, userId, deps.nowIso())),
    componentIds: matched.map((c) => c.id),
    componentNames: matched.map((c) => c.name),
    mention: { kind: 'none' },
    personal: { userId },
    updatedBy: userId,
    updatedAt: deps.nowIso(),
  };
  await deps.subscriptions.put(subscription);
  deps.changed({ ...context, channelId: opened.channelId }, 'dm');
  const open = existing ? 0 : await deps.catchUp(subscription);
  const now =
    open > 0
      ? ` ${open === 1 ? 'The incident open now is' : `The ${open} incidents open now are`} on the way.`
      : '';
  const what =
    matched.length === 0 ? 'every Clerk component' : matched.map((c) => `*${escapeText(c.name)}*`).join(', ');
  return {
    reply: plainMessage(
      `:bell: You'll get direct messages about ${what}: incidents with their updates in a thread, maintenance, early warnings and own checks. Change it with \`/clerk-status dm <components>\`, stop with \`/clerk-status dm off\`.${now}`,
    ),
  };
}
