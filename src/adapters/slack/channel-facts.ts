/**
 * Gathers what the permission rule needs from Slack: the channel (private? archived? are we in it?), the
 * user (a guest?) and whether the user is a member. The decision itself is core/permissions.ts.
 */
import type { WebClient } from '@slack/web-api';
import type { ChannelFacts, UserFacts } from '../../core/permissions.js';

const MEMBER_PAGES = 10;

function platformError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** The Slack error code of a failed call (`channel_not_found`, `missing_scope` …), or the SDK's error code. */
export function slackErrorCode(error: unknown): string {
  return platformError(error) ?? (error as { code?: string }).code ?? 'unknown_error';
}

export async function channelFacts(client: WebClient, channelId: string): Promise<ChannelFacts> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    return {
      isIm: Boolean(channel?.is_im || channel?.is_mpim),
      isPrivate: Boolean(channel?.is_private),
      isArchived: Boolean(channel?.is_archived),
      visible: true,
      botIsMember: Boolean(channel?.is_member),
    };
  } catch (error) {
    // Slack answers channel_not_found for a private channel the bot was never invited to.
    if (platformError(error) === 'channel_not_found') {
      return { isIm: false, isPrivate: true, isArchived: false, visible: false, botIsMember: false };
    }
    throw error;
  }
}

export async function userFacts(client: WebClient, channelId: string, userId: string): Promise<UserFacts> {
  const { user } = await client.users.info({ user: userId });
  const isGuest = Boolean(user?.is_restricted || user?.is_ultra_restricted);
  let isMember = false;
  let cursor: string | undefined;
  for (let page = 0; page < MEMBER_PAGES && !isMember; page++) {
    const result = await client.conversations.members({
      channel: channelId,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    isMember = (result.members ?? []).includes(userId);
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return { id: userId, isGuest, isMember };
}
