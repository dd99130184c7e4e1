import { isClosed } from '../events/page.js';
import type { UpdateFacts } from '../plan/messages.js';
import { message, section } from './blocks.js';
import { changeLines } from './component-changes.js';
import { INCIDENT_EMOJI, SEVERITY_EMOJI } from './emoji.js';
import { INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import { allowedHosts, dateToken, escapeText, quote } from './mrkdwn.js';
import { firstLine } from './text.js';
import type { RenderedMessage } from './types.js';

export function renderUpdateReply(input: UpdateFacts): RenderedMessage {
  const { update } = input;
  const changed = input.previousStatus !== update.status;
  const reopened = isClosed({ status: input.previousStatus }) && !isClosed(update);
  const statusWords = reopened
    ? `*Reopened* · ${INCIDENT_STATUS_LABEL[input.previousStatus]} → *${INCIDENT_STATUS_LABEL[update.status]}*`
    : changed
      ? `${INCIDENT_STATUS_LABEL[input.previousStatus]} → *${INCIDENT_STATUS_LABEL[update.status]}*`
      : `*${INCIDENT_STATUS_LABEL[update.status]}*`;
  const head = input.afterResolution
    ? `:memo: *Update after resolution* · ${dateToken(update.at)}`
    : `${INCIDENT_EMOJI[update.status]} ${statusWords} · ${dateToken(update.at)}`;
  const escalation = input.escalatedTo
    ? `${input.mention ? `${input.mention} ` : ''}${SEVERITY_EMOJI[input.escalatedTo]} *Escalated to ${SEVERITY_LABEL[input.escalatedTo]}*\n`
    : '';
  const said = update.body.trim();
  const body = said
    ? `\n${quote(update.body, 1_200, allowedHosts(input.incident.url))}`
    : `\n_Clerk posted ${changed ? 'a status change' : 'an update'} without details._`;
  const changes =
    input.changes && input.changes.length > 0 ? `\n*Components*\n${changeLines(input.changes)}` : '';
  const words = input.afterResolution
    ? 'update after resolution'
    : reopened
      ? `reopened (${INCIDENT_STATUS_LABEL[update.status]})`
      : changed
        ? `${INCIDENT_STATUS_LABEL[input.previousStatus]} → ${INCIDENT_STATUS_LABEL[update.status]}`
        : INCIDENT_STATUS_LABEL[update.status];
  const escalated = input.escalatedTo ? ` (escalated to ${SEVERITY_LABEL[input.escalatedTo]})` : '';
  const mention = input.escalatedTo && input.mention ? `${input.mention} ` : '';
  const tail = said ? escapeText(firstLine(update.body)) : 'no details';
  const text = `${mention}${escapeText(input.incident.name)}: ${words}${escalated} — ${tail}`;
  return message(text, [section(`${escalation}${head}${body}${changes}`)]);
}
