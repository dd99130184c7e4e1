/**
 * The SlackDirectory port over a workspace's WebClient: what the permission rule needs (is the channel
 * private, archived, are we in it; is the user a guest, a member) and the user groups for mentions. The
 * decision itself is core/subscriptions/permissions.ts.
 */
import type { WebClient } from '@slack/web-api';
import type { SlackDirectory } from '../../app/ports/slack.js';
import type { UserGroup } from '../../core/render/settings-modal.js';
import type { ChannelFacts, UserFacts } from '../../core/subscriptions/permissions.js';

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

async function userGroups(client: WebClient): Promise<UserGroup[]> {
  try {
    const { usergroups } = await client.usergroups.list({ include_disabled: false });
    return (usergroups ?? []).flatMap((g) => (g.id && g.handle ? [{ id: g.id, handle: g.handle }] : []));
  } catch {
    return []; // usergroups:read is optional; without it the modal offers @here and @channel only
  }
}

export function slackDirectory(client: WebClient): SlackDirectory {
  return {
    channel: (channelId) => channelFacts(client, channelId),
    user: (channelId, userId) => userFacts(client, channelId, userId),
    userGroups: () => userGroups(client),
    async join(channelId) {
      try {
        await client.conversations.join({ channel: channelId });
        return { joined: true };
      } catch (error) {
        return { joined: false, reason: slackErrorCode(error) };
      }
    },
    async openDirectMessage(userId) {
      try {
        const opened = await client.conversations.open({ users: userId });
        const id = opened.channel?.id;
        return id ? { channelId: id } : { reason: 'no_channel' };
      } catch (error) {
        return { reason: slackErrorCode(error) };
      }
    },
  };
}
