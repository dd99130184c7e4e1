/** What `/clerk-status dm` and `dm off` answer the caller. Component names come from the status page: escaped. */
import { plainMessage } from './blocks.js';
import { escapeText } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

export function renderDmNotOpened(reason: string): RenderedMessage {
  return plainMessage(
    `:warning: I could not open a direct message with you (Slack said \`${escapeText(reason)}\`).`,
  );
}

export function renderDmStopped(wasOn: boolean): RenderedMessage {
  return plainMessage(
    wasOn ? ':no_bell: No more direct messages from me.' : 'You were not getting direct messages from me.',
  );
}

/** `componentNames` empty: every component. `openNow`: incidents open now, on their way to the DM. */
export function renderDmStarted(componentNames: string[], openNow: number): RenderedMessage {
  const what =
    componentNames.length === 0
      ? 'every Clerk component'
      : componentNames.map((n) => `*${escapeText(n)}*`).join(', ');
  const now =
    openNow > 0
      ? ` ${openNow === 1 ? 'The incident open now is' : `The ${openNow} incidents open now are`} on the way.`
      : '';
  return plainMessage(
    `:bell: You'll get direct messages about ${what}: incidents with their updates in a thread, maintenance, early warnings and own checks. Change it with \`/clerk-status dm <components>\`, stop with \`/clerk-status dm off\`.${now}`,
  );
}
