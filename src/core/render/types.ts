import type { HomeView, KnownBlock, ModalView } from '@slack/types';

/** A message as Slack takes it: blocks for the eye, text for notifications and screen readers. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A modal and a Home tab, as the render layer builds them. */
export type RenderedModal = ModalView;
export type RenderedHome = HomeView;
