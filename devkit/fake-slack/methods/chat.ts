/**
 * chat.postMessage (threads, broadcasts, metadata, DMs to a user id), chat.update (an unchanged edit is invisible),
 * chat.delete (the bot's own posts only, each recorded) and chat.postEphemeral, refusing what Slack refuses: `text` over 40,000 characters, more than 50 blocks, a
 * section over 3,000 characters or a header over 150.
 */
import type { FakeMessage } from '../types.js';
import type { MethodTable } from './types.js';

function refusal(args: Record<string, unknown>): string | undefined {
  if (String(args.text ?? '').length > 40_000) return 'msg_too_long';
  const blocks = Array.isArray(args.blocks)
    ? (args.blocks as { type?: string; text?: { text?: string } }[])
    : [];
  if (blocks.length > 50) return 'invalid_blocks';
  for (const block of blocks) {
    const text = block.text?.text ?? '';
    if (block.type === 'section' && text.length > 3_000) return 'invalid_blocks';
    if (block.type === 'header' && text.length > 150) return 'invalid_blocks';
  }
  return undefined;
}

export const chatMethods: MethodTable = {
  'chat.postEphemeral': (slack) => ({ ok: true, message_ts: slack.nextTs() }),
  'chat.postMessage': (slack, args, token) => {
    const channelId = String(args.channel ?? '');
    const refused = refusal(args);
    if (refused) return { ok: false, error: refused };
    const channel =
      slack.channels.get(channelId) ??
      (slack.users.has(channelId) ? { id: channelId, name: 'dm' } : undefined);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (channel.isArchived) return { ok: false, error: 'is_archived' };
    if (channel.isPrivate && !channel.botIsMember) return { ok: false, error: 'not_in_channel' };
    // A DM with a deactivated user takes no posts.
    const dmUser =
      'isIm' in channel && channel.isIm ? slack.users.get(channel.members?.[0] ?? '') : undefined;
    if (dmUser?.deactivated) return { ok: false, error: 'user_disabled' };
    const threadTs = args.thread_ts ? String(args.thread_ts) : undefined;
    if (threadTs && !slack.find(channelId, threadTs)) {
      return { ok: false, error: 'thread_not_found' };
    }
    const message: FakeMessage = {
      channel: channelId,
      ts: slack.nextTs(),
      text: String(args.text ?? ''),
      edits: [],
      team: token ?? '',
      ...(threadTs ? { threadTs } : {}),
      ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
      ...(args.metadata ? { metadata: args.metadata as FakeMessage['metadata'] } : {}),
      ...(args.reply_broadcast === true || args.reply_broadcast === 'true' ? { replyBroadcast: true } : {}),
    };
    slack.add(message);
    slack.onActivity?.(
      message.threadTs
        ? {
            kind: 'reply',
            message,
            parent: slack.find(channelId, message.threadTs),
          }
        : { kind: 'post', message },
    );
    return { ok: true, channel: channelId, ts: message.ts, message: { text: message.text } };
  },
  'chat.delete': (slack, args) => {
    const channelId = String(args.channel ?? '');
    const message = slack.find(channelId, String(args.ts));
    if (!message) return { ok: false, error: 'message_not_found' };
    if (!message.metadata) return { ok: false, error: 'cant_delete_message' }; // only the bot's own posts
    slack.deleteMessage(channelId, message.ts);
    slack.deletedByBot.push(message);
    return { ok: true, channel: channelId, ts: message.ts };
  },
  'chat.update': (slack, args) => {
    const channelId = String(args.channel ?? '');
    const refused = refusal(args);
    if (refused) return { ok: false, error: refused };
    const message = slack.find(channelId, String(args.ts));
    if (!message) return { ok: false, error: 'message_not_found' };
    const text = String(args.text ?? message.text);
    // An edit that changes nothing is invisible in Slack (idempotent re-sends after a crash are fine).
    if (text !== message.text || JSON.stringify(args.blocks) !== JSON.stringify(message.blocks)) {
      message.edits.push({ text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
      slack.onActivity?.({ kind: 'edit', message: { ...message, text }, before: message.text });
    }
    message.text = text;
    if (args.blocks) message.blocks = args.blocks as unknown[];
    return { ok: true, channel: channelId, ts: message.ts };
  },
};
