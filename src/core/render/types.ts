import type { KnownBlock } from '@slack/types';

/** A message as Slack takes it: blocks for the eye, text for notifications and screen readers. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}
