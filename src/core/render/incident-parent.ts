/** The one message per incident per channel; edits keep it showing the current state. */
import type { KnownBlock } from '@slack/types';
import type { ComponentRef, IncidentSummary } from '../detect/events.js';
import type { Severity } from '../severity.js';
import type { IncidentStatus } from '../status-page/model.js';
import { tipsFor } from '../tips.js';
import { context, section } from './blocks.js';
import { INCIDENT_EMOJI, SEVERITY_EMOJI, STATUS_EMOJI } from './emoji.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import { bulletList, dateToken, escapeText, link } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

export interface ParentInput {
  incident: IncidentSummary;
  status: IncidentStatus;
  severity: Severity;
  affected: ComponentRef[];
  /** `<!here>`, `<!channel>` or `<!subteam^ID>` when the subscription asks for it. */
  mention?: string;
  /** Set once resolved. */
  durationMs?: number;
}

export function renderIncidentParent(input: ParentInput): RenderedMessage {
  const resolved = input.status === 'resolved' || input.status === 'postmortem';
  const emoji = resolved ? SEVERITY_EMOJI.operational : SEVERITY_EMOJI[input.severity];
  const state = resolved
    ? `Resolved${input.durationMs !== undefined ? ` after ${formatDuration(input.durationMs)}` : ''}`
    : INCIDENT_STATUS_LABEL[input.status];
  const title = `${emoji} *Clerk incident: ${link(input.incident.url, input.incident.name)}*`;
  const affected = input.affected.filter((c) => resolved || c.status !== 'operational').slice(0, 12);
  const affectedText =
    affected.length === 0
      ? resolved
        ? ''
        : 'Affected components: not stated yet'
      : `${resolved ? 'Was affected' : 'Affected'}: ${affected
          .map((c) =>
            resolved
              ? escapeText(c.name)
              : `${STATUS_EMOJI[c.status]} ${escapeText(c.name)} (${COMPONENT_STATUS_LABEL[c.status]})`,
          )
          .join(', ')}`;
  const lines = [
    input.mention && !resolved ? `${input.mention} ` : '',
    title,
    `\n*Status:* ${INCIDENT_EMOJI[input.status]} ${state}${resolved || input.severity === 'operational' ? '' : ` · *Impact:* ${SEVERITY_LABEL[input.severity]}`}`,
    affectedText ? `\n${affectedText}` : '',
  ];
  const blocks: KnownBlock[] = [section(lines.join(''))];
  const tips = resolved ? [] : tipsFor(input.affected, 3);
  if (tips.length > 0) blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  blocks.push(
    context(
      `Started ${dateToken(input.incident.createdAt)} · updates in the thread · ${link(input.incident.url, 'status page')}`,
    ),
  );
  const mention = input.mention && !resolved ? `${input.mention} ` : '';
  const names = input.affected
    .filter((c) => c.status !== 'operational')
    .map((c) => `${c.name}: ${COMPONENT_STATUS_LABEL[c.status]}`);
  const text = `${mention}Clerk incident: ${input.incident.name} — ${state}${names.length > 0 && !resolved ? ` (${names.join(', ')})` : ''}`;
  return { text, blocks };
}
