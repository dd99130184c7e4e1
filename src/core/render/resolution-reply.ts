/** The resolution reply (broadcast to the channel): how long it lasted and Clerk's closing words. */
import type { IncidentSummary } from '../detect/events.js';
import type { IncidentUpdate } from '../status-page/model.js';
import { section } from './blocks.js';
import { SEVERITY_EMOJI } from './emoji.js';
import { formatDuration } from './labels.js';
import { link, quote } from './mrkdwn.js';
import { firstLine } from './text.js';
import type { RenderedMessage } from './types.js';

export function renderResolutionReply(
  incident: IncidentSummary,
  update: IncidentUpdate | undefined,
  durationMs: number | undefined,
): RenderedMessage {
  const lasted = durationMs === undefined ? '' : ` after ${formatDuration(durationMs)}`;
  const body = update?.body.trim()
    ? `\n${quote(update.body)}`
    : '\nThe incident is no longer listed as open on the status page.';
  return {
    text: `Resolved${lasted}: ${incident.name}${update ? ` — ${firstLine(update.body)}` : ''}`,
    blocks: [
      section(
        `${SEVERITY_EMOJI.operational} *Resolved${lasted}*: ${link(incident.url, incident.name)}${body}`,
      ),
    ],
  };
}
