/**
 * Block Kit pieces every renderer shares, with Slack's per-block limits applied here once: a section or
 * context text holds at most 3,000 characters (kept under with room for a closing ellipsis).
 */
import type { KnownBlock } from '@slack/types';
import type { RenderedMessage } from './types.js';

export const SECTION_TEXT_MAX = 2900;

export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text.slice(0, SECTION_TEXT_MAX) },
});

export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: text.slice(0, SECTION_TEXT_MAX) }],
});

/** A message that is one section whose text is also its notification text. */
export function plainMessage(text: string): RenderedMessage {
  return { text, blocks: [section(text)] };
}
