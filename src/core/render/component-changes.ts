/**
 * Component status changes: one message per poll listing every change a channel wants (in an incident thread or
 * on its own), and the lines other messages use to list the changes folded into them. Lists are capped.
 */
import type { KnownBlock } from '@slack/types';
import type { ComponentChange } from '../events/bot-event.js';
import { tipsFor } from '../tips.js';
import { context, message, section } from './blocks.js';
import { STATUS_EMOJI } from './emoji.js';
import { COMPONENT_STATUS_LABEL, formatDuration } from './labels.js';
import { bulletList, dateToken, escapeText, link } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

const LISTED = 25;

/** One line per change, at most LISTED, then how many more. */
export function changeLines(changes: ComponentChange[]): string {
  const lines = changes
    .slice(0, LISTED)
    .map(
      (c) =>
        `${STATUS_EMOJI[c.to]} *${escapeText(c.name)}*: ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`,
    );
  if (changes.length > LISTED) lines.push(`…and ${changes.length - LISTED} more`);
  return lines.join('\n');
}

function changesText(changes: ComponentChange[]): string {
  const named = changes
    .slice(0, 5)
    .map((c) => `${escapeText(c.name)} ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`);
  return `Clerk: ${named.join('; ')}${changes.length > 5 ? `; and ${changes.length - 5} more` : ''}`;
}

export function renderComponentChanges(
  changes: ComponentChange[],
  at: string,
  statusPageUrl: string,
  inThread: boolean,
  confirmedAfterMs?: number,
): RenderedMessage {
  const worse = changes.filter((c) => c.to !== 'operational');
  const heading = inThread
    ? '*Component changes*'
    : worse.length > 0
      ? ':warning: *Clerk component status changed*'
      : ':white_check_mark: *Clerk components recovered*';
  const blocks: KnownBlock[] = [section(`${heading}\n${changeLines(changes)}`)];
  const tips = inThread
    ? []
    : tipsFor(
        worse.map((c) => ({ id: c.componentId, name: c.name, status: c.to })),
        3,
      );
  if (tips.length > 0) blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  const held =
    confirmedAfterMs !== undefined
      ? ` · held ${formatDuration(confirmedAfterMs)} by this channel's flap guard (\`confirm\`): it lasted`
      : '';
  if (!inThread) blocks.push(context(`${dateToken(at)} · ${link(statusPageUrl, 'status page')}${held}`));
  return message(changesText(changes), blocks);
}
