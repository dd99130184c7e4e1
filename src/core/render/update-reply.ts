/** A thread reply for one incident update: the status change, an escalation if any, and the update's text. */
import type { IncidentSummary } from '../detect/events.js';
import type { Severity } from '../severity.js';
import type { IncidentStatus, IncidentUpdate } from '../status-page/model.js';
import { section } from './blocks.js';
import { INCIDENT_EMOJI, SEVERITY_EMOJI } from './emoji.js';
import { INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import { dateToken, quote } from './mrkdwn.js';
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
}

export function renderUpdateReply(input: ReplyInput): RenderedMessage {
  const changed = input.previousStatus !== input.update.status;
  const status = changed
    ? `${INCIDENT_STATUS_LABEL[input.previousStatus]} → *${INCIDENT_STATUS_LABEL[input.update.status]}*`
    : `*${INCIDENT_STATUS_LABEL[input.update.status]}*`;
  const head = input.afterResolution
    ? `:memo: *Update after resolution* · ${dateToken(input.update.at)}`
    : `${INCIDENT_EMOJI[input.update.status]} ${status} · ${dateToken(input.update.at)}`;
  const escalation = input.escalatedTo
    ? `${input.mention ? `${input.mention} ` : ''}${SEVERITY_EMOJI[input.escalatedTo]} *Escalated to ${SEVERITY_LABEL[input.escalatedTo]}*\n`
    : '';
  const body = input.update.body.trim() ? `\n${quote(input.update.body)}` : '';
  const text = `${input.escalatedTo && input.mention ? `${input.mention} ` : ''}${input.incident.name}: ${
    input.afterResolution
      ? 'update after resolution'
      : `${INCIDENT_STATUS_LABEL[input.previousStatus]} → ${INCIDENT_STATUS_LABEL[input.update.status]}`
  }${input.escalatedTo ? ` (escalated to ${SEVERITY_LABEL[input.escalatedTo]})` : ''} — ${firstLine(input.update.body)}`;
  return { text, blocks: [section(`${escalation}${head}${body}`)] };
}
