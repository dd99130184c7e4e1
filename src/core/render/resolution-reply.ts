/** The resolution reply (broadcast to the channel): how long it lasted, Clerk's closing words, what recovered. */
import type { ComponentChange, IncidentSummary } from '../events/bot-event.js';
import type { IncidentUpdate } from '../events/page.js';
import { message, section } from './blocks.js';
import { changeLines } from './component-changes.js';
import { SEVERITY_EMOJI } from './emoji.js';
import { formatDuration } from './labels.js';
import { allowedHosts, escapeText, link, quote } from './mrkdwn.js';
import { firstLine } from './text.js';
import type { RenderedMessage } from './types.js';

export function renderResolutionReply(
  incident: IncidentSummary,
  update: IncidentUpdate | undefined,
  durationMs: number | undefined,
  changes: ComponentChange[] = [],
): RenderedMessage {
  const lasted = durationMs === undefined ? '' : ` after ${formatDuration(durationMs)}`;
  const said = update?.body.trim();
  const body = said
    ? `\n${quote(update?.body ?? '', 1_200, allowedHosts(incident.url))}`
    : update
      ? '\n_Clerk marked it resolved without details._'
      : '\nThe incident is no longer listed as open on the status page.';
  const recovered = changes.length > 0 ? `\n*Components*\n${changeLines(changes)}` : '';
  const text = `Resolved${lasted}: ${escapeText(incident.name)}${said ? ` — ${escapeText(firstLine(said))}` : ''}`;
  return message(text, [
    section(
      `${SEVERITY_EMOJI.operational} *Resolved${lasted}*: ${link(incident.url, incident.name)}${body}${recovered}`,
    ),
  ]);
}
