/**
 * `/clerk-status dm [components]` and `dm off`: alerts as direct messages to the caller, with their own component
 * filter. A DM subscription is a subscription like a channel's, on the DM channel the bot opens with the person
 * (conversations.open), so DMs go through the same delivery (exactly once, threads, edits) and end the same way (a
 * deactivated user's DM refuses posts: the subscription ends; an uninstall removes the workspace's). Anyone may do
 * it, guests too: it changes nothing for anyone else. Mentions mean nothing in a DM: none.
 */
import type { Component } from '../core/events/page.js';
import { renderPageNotReadYet, renderUnknownComponents } from '../core/render/command-replies.js';
import { renderDmNotOpened, renderDmStarted, renderDmStopped } from '../core/render/dm-replies.js';
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
  if ('reason' in opened) return { reply: renderDmNotOpened(opened.reason) };
  const { teamId, userId } = context;
  if (names === 'off') {
    const removed = await deps.subscriptions.remove(teamId, opened.channelId);
    if (removed) deps.changed({ ...context, channelId: opened.channelId }, 'dm off');
    return { reply: renderDmStopped(removed) };
  }
  const components = deps.components();
  if (names.length > 0 && !components) return { reply: renderPageNotReadYet() };
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
  return { reply: renderDmStarted(subscription.componentNames, open) };
}
