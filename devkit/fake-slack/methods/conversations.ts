/** conversations.info, .members, .history and .replies, with metadata only when asked for. */
import type { FakeMessage } from '../types.js';
import type { MethodTable } from './types.js';

function wire(message: FakeMessage, args: Record<string, unknown>) {
  const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
  return {
    ts: message.ts,
    text: message.text,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
  };
}

/** One page of messages newer than `oldest`, with a cursor to the next page as Slack gives it. */
function page(messages: FakeMessage[], args: Record<string, unknown>, limit: number) {
  const oldest = Number(args.oldest ?? 0);
  const fresh = messages.filter((m) => Number(m.ts) > oldest);
  const start = Number(args.cursor ?? 0);
  const list = fresh.slice(start, start + limit);
  const more = start + limit < fresh.length;
  return {
    ok: true,
    messages: list.map((m) => wire(m, args)),
    has_more: more,
    response_metadata: { next_cursor: more ? String(start + limit) : '' },
  };
}

export const conversationMethods: MethodTable = {
  'conversations.info': (slack, args) => {
    const channel = slack.channels.get(String(args.channel ?? ''));
    if (!channel || (channel.isPrivate && !channel.botIsMember))
      return { ok: false, error: 'channel_not_found' };
    return {
      ok: true,
      channel: {
        id: channel.id,
        name: channel.name,
        is_private: Boolean(channel.isPrivate),
        is_archived: Boolean(channel.isArchived),
        is_im: Boolean(channel.isIm),
        is_member: Boolean(channel.botIsMember),
      },
    };
  },
  'conversations.members': (slack, args) => {
    const channel = slack.channels.get(String(args.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    return { ok: true, members: channel.members ?? [], response_metadata: { next_cursor: '' } };
  },
  // The bot's DM with one user: the same channel every time (D + the user's id), created on first open.
  'conversations.open': (slack, args) => {
    const users = String(args.users ?? '');
    if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: 'users_list_not_supplied' };
    if (slack.users.get(users)?.deactivated) return { ok: false, error: 'user_disabled' };
    const id = `D${users.slice(1)}`;
    if (!slack.channels.has(id))
      slack.addChannel({ id, name: id.toLowerCase(), isIm: true, botIsMember: true, members: [users] });
    return { ok: true, channel: { id } };
  },
  'conversations.join': (slack, args) => {
    const channel = slack.channels.get(String(args.channel ?? ''));
    if (!channel || channel.isPrivate) return { ok: false, error: 'channel_not_found' };
    if (channel.isArchived) return { ok: false, error: 'is_archived' };
    if (channel.joinError) return { ok: false, error: channel.joinError };
    channel.botIsMember = true;
    return { ok: true, channel: { id: channel.id } };
  },
  // History and replies answer only members, as Slack does (chat:write.public lets a bot post, not read).
  'conversations.history': (slack, args) => {
    const channelId = String(args.channel ?? '');
    const channel = slack.channels.get(channelId);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!channel.botIsMember) return { ok: false, error: 'not_in_channel' };
    const limit = Number(args.limit ?? 100);
    return page(slack.parents(channelId).reverse(), args, limit);
  },
  'conversations.replies': (slack, args) => {
    const channelId = String(args.channel ?? '');
    if (slack.channels.get(channelId)?.botIsMember === false) return { ok: false, error: 'not_in_channel' };
    const ts = String(args.ts);
    const parent = slack.find(channelId, ts);
    if (!parent) return { ok: false, error: 'thread_not_found' };
    return {
      ok: true,
      messages: [parent, ...slack.replies(channelId, ts)].map((m) => wire(m, args)),
      has_more: false,
    };
  },
};
