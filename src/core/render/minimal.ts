/**
 * The fallback when Slack refuses a message (`msg_too_long`, `invalid_blocks`): the same words, short, in one
 * plain-text section, so the alert still arrives. Only if Slack refuses this too is an alert ever dropped.
 */

import { truncateMrkdwn } from './text.js';
import type { RenderedMessage } from './types.js';

export const MINIMAL_TEXT_MAX = 1_000;

export function renderMinimal(message: RenderedMessage): RenderedMessage {
  const text = truncateMrkdwn(message.text, MINIMAL_TEXT_MAX);
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'plain_text', text: text.slice(0, 2_900), emoji: true } }],
  };
}
