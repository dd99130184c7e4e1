/**
 * A thread reply for one incident update: the status change (only when it really changed), an escalation if any,
 * Clerk's words, and the component changes of the same poll. An update with no text says so plainly, never
 * pretending to quote.
 */
import type { ComponentChange, IncidentSummary } from '../detect/events.js';
import type { Severity } from '../severity.js';
import type { IncidentStatus, IncidentUpdate } from '../status-page/model.js';
import { message, section } from './blocks.js';
import { changeLines } from './component-changes.js';
import { INCIDENT_EMOJI, SEVERITY_EMOJI } from './emoji.js';
import { INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import { allowedHosts, dateToken, escapeText, quote } from './mrkdwn.js';
import { firstLine } from './text.js';
import type { RenderedMessage } from './types.js';

export interface ReplyInput {
  incident: IncidentSummary;
  update: IncidentUpdate;
  previousStatus: IncidentStatus;
  /** Severity rose to partial or major: say so first. */
  escalatedTo?: Severity;
  mention?: string;
  afterResolution?: boolean;
  /** The component changes this channel wants from the same poll. */
  changes?: ComponentChange[];
}

export function renderUpdateReply(input: ReplyInput): RenderedMessage {
  const { update } = input;
  const changed = input.previousStatus !== update.status;
  const statusWords = changed
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
    : changed
      ? `${INCIDENT_STATUS_LABEL[input.previousStatus]} → ${INCIDENT_STATUS_LABEL[update.status]}`
      : INCIDENT_STATUS_LABEL[update.status];
  const escalated = input.escalatedTo ? ` (escalated to ${SEVERITY_LABEL[input.escalatedTo]})` : '';
  const mention = input.escalatedTo && input.mention ? `${input.mention} ` : '';
  const tail = said ? escapeText(firstLine(update.body)) : 'no details';
  const text = `${mention}${escapeText(input.incident.name)}: ${words}${escalated} — ${tail}`;
  return message(text, [section(`${escalation}${head}${body}${changes}`)]);
}
