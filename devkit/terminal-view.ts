/**
 * What a channel receives, drawn for a terminal: parent messages, thread replies indented under them, edits
 * shown as edits. Pure: activity in, lines out.
 */
import type { SlackActivity } from './fake-slack/fake-slack.js';

const plain = (text: string) =>
  text
    .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<!(here|channel)>/g, '@$1')
    .replace(/<!subteam\^[^>]+>/g, '@group')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function renderActivity(activity: SlackActivity, channelName: string, clock: string): string {
  const where = `${clock} #${channelName}`;
  const text = plain(activity.message.text);
  switch (activity.kind) {
    case 'post':
      return `${where}  ● ${text}`;
    case 'reply':
      return `${where}    └─ ${activity.message.replyBroadcast ? '(also sent to the channel) ' : ''}${text}`;
    case 'edit':
      return `${where}  ✎ parent edited → ${text}`;
  }
}
