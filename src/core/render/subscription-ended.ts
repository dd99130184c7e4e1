/** The DM to whoever set a subscription up, when it ends for good: which channel, and why. */
import { plainMessage } from './blocks.js';
import { escapeText } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

const WHY: Record<string, string> = {
  is_archived: 'the channel was archived',
  channel_is_archived: 'the channel was archived',
  channel_not_found: 'the channel was deleted, or I can no longer see it',
  not_in_channel: 'I was removed from the channel',
  restricted_action: 'the workspace no longer lets me post there',
};

export function endedReason(code: string): string {
  return WHY[code] ?? `Slack refused my posts there (\`${escapeText(code)}\`)`;
}

export function renderSubscriptionEnded(channelId: string, code: string): RenderedMessage {
  return plainMessage(
    `:wave: I stopped posting Clerk status changes in <#${escapeText(channelId)}>: ${endedReason(code)}. To get them again, run \`/clerk-status subscribe\` in a channel I can post in.`,
  );
}
