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
  'conversations.history': (slack, args) => {
    const channelId = String(args.channel ?? '');
    if (!slack.channels.has(channelId)) return { ok: false, error: 'channel_not_found' };
    const limit = Number(args.limit ?? 100);
    const list = slack.parents(channelId).reverse().slice(0, limit);
    return { ok: true, messages: list.map((m) => wire(m, args)), has_more: false };
  },
  'conversations.replies': (slack, args) => {
    const channelId = String(args.channel ?? '');
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
