/**
 * Who may change a channel's subscription, decided from facts the shell gathers from Slack: a member of the
 * channel who is not a guest, and, when an admin list is configured, on that list.
 */

/** Why someone may not change a channel's subscription. */
export type Refusal = 'guest' | 'not_admin' | 'not_member' | 'invite_me' | 'archived' | 'dm';

export interface ChannelFacts {
  isIm: boolean;
  isPrivate: boolean;
  isArchived: boolean;
  /** False when Slack would not even show us the channel (a private channel we are not in). */
  visible: boolean;
  botIsMember: boolean;
}

export interface UserFacts {
  id: string;
  isGuest: boolean;
  isMember: boolean;
}

export function refusal(channel: ChannelFacts, user: UserFacts, adminUserIds: string[]): Refusal | undefined {
  if (channel.isIm) return 'dm';
  if (!channel.visible || (channel.isPrivate && !channel.botIsMember)) return 'invite_me';
  if (channel.isArchived) return 'archived';
  if (user.isGuest) return 'guest';
  if (adminUserIds.length > 0 && !adminUserIds.includes(user.id)) return 'not_admin';
  if (!user.isMember) return 'not_member';
  return undefined;
}
