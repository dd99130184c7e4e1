/**
 * Block Kit pieces every renderer shares, with Slack's limits applied here, by construction: a section or
 * context text at most 3,000 characters (kept under, with room for the ellipsis), a header 150, `text` at most
 * ~3,000 (notifications show it), 50 blocks in a message (100 in a Home tab or modal). Cuts never split an entity,
 * a `<…>` token or a surrogate pair.
 */
import type { KnownBlock } from '@slack/types';
import { truncateMrkdwn } from './text.js';
import type { RenderedMessage } from './types.js';

export const SECTION_TEXT_MAX = 2900;
export const MESSAGE_TEXT_MAX = 3000;
export const HEADER_TEXT_MAX = 150;
export const MESSAGE_BLOCKS_MAX = 50;
export const VIEW_BLOCKS_MAX = 100;

export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateMrkdwn(text, SECTION_TEXT_MAX) },
});

export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, SECTION_TEXT_MAX) }],
});

export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: [...text].slice(0, HEADER_TEXT_MAX - 1).join('') || ' ', emoji: true },
});

/** A message within Slack's limits: `text` bounded, at most 50 blocks. */
export function message(text: string, blocks: KnownBlock[]): RenderedMessage {
  return { text: truncateMrkdwn(text, MESSAGE_TEXT_MAX), blocks: blocks.slice(0, MESSAGE_BLOCKS_MAX) };
}

/** A message that is one section whose text is also its notification text. */
export function plainMessage(text: string): RenderedMessage {
  return message(text, [section(text)]);
}
