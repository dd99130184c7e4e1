/** One message per poll listing every component change a channel wants; in an incident thread or on its own. */
import type { KnownBlock } from '@slack/types';
import type { ComponentChange } from '../detect/events.js';
import { tipsFor } from '../tips.js';
import { context, section } from './blocks.js';
import { STATUS_EMOJI } from './emoji.js';
import { COMPONENT_STATUS_LABEL } from './labels.js';
import { bulletList, dateToken, escapeText, link } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

function changeLine(change: ComponentChange): string {
  return `${STATUS_EMOJI[change.to]} *${escapeText(change.name)}*: ${COMPONENT_STATUS_LABEL[change.from]} → ${COMPONENT_STATUS_LABEL[change.to]}`;
}

export function renderComponentChanges(
  changes: ComponentChange[],
  at: string,
  statusPageUrl: string,
  inThread: boolean,
): RenderedMessage {
  const worse = changes.filter((c) => c.to !== 'operational');
  const heading = inThread
    ? '*Component changes*'
    : worse.length > 0
      ? ':warning: *Clerk component status changed*'
      : ':white_check_mark: *Clerk components recovered*';
  const blocks: KnownBlock[] = [section(`${heading}\n${changes.slice(0, 40).map(changeLine).join('\n')}`)];
  const tips = inThread
    ? []
    : tipsFor(
        worse.map((c) => ({ id: c.componentId, name: c.name, status: c.to })),
        3,
      );
  if (tips.length > 0) blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  if (!inThread) blocks.push(context(`${dateToken(at)} · ${link(statusPageUrl, 'status page')}`));
  const text = `Clerk: ${changes.map((c) => `${c.name} ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`).join('; ')}`;
  return { text: text.slice(0, 3000), blocks };
}
