/**
 * The one message per incident per channel; edits keep it showing the current state. It quotes what Clerk said
 * first (an edit keeps the quote: those words appear nowhere else), never shows a success emoji while the incident
 * is open, and says "incident open" with the impact Clerk gave while no component is stated yet.
 */

import type { KnownBlock } from '@slack/types';
import type { IncidentSummary } from '../events/bot-event.js';
import type { Typical } from '../events/history.js';
import { isClosed } from '../events/page.js';
import { impactSeverity } from '../events/severity.js';
import type { ParentFacts } from '../plan/messages.js';
import { tipsFor } from '../tips.js';
import { context, message, section } from './blocks.js';
import { INCIDENT_EMOJI, SEVERITY_EMOJI, STATUS_EMOJI } from './emoji.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import { allowedHosts, bulletList, dateToken, escapeText, link, quote } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

const IMPACT_WORDS: Record<string, string> = { minor: 'minor', major: 'major', critical: 'critical' };

/** "Status: … · Impact: …", and the affected components (or that none is stated yet). */
function stateLines(input: ParentFacts, resolved: boolean, state: string): string {
  const hurt = input.affected.filter((c) => c.status !== 'operational');
  if (resolved) {
    const was = input.affected.slice(0, 12).map((c) => escapeText(c.name));
    return `*Status:* ${INCIDENT_EMOJI[input.status]} ${state}${was.length > 0 ? `\nWas affected: ${was.join(', ')}` : ''}`;
  }
  if (hurt.length === 0) {
    const impact = IMPACT_WORDS[input.incident.impact];
    return `*Status:* ${INCIDENT_EMOJI[input.status]} ${state} · incident open${impact ? ` · *Impact (as Clerk gives it):* ${impact}` : ''}\nAffected components: none stated yet`;
  }
  const list = hurt
    .slice(0, 12)
    .map((c) => `${STATUS_EMOJI[c.status]} ${escapeText(c.name)} (${COMPONENT_STATUS_LABEL[c.status]})`);
  const more = hurt.length > 12 ? ` and ${hurt.length - 12} more` : '';
  return `*Status:* ${INCIDENT_EMOJI[input.status]} ${state} · *Impact:* ${SEVERITY_LABEL[input.severity]}\nAffected: ${list.join(', ')}${more}`;
}

/** What Clerk said first, quoted, or plainly that it said nothing yet. */
function openingLines(incident: IncidentSummary): string {
  const opening = incident.opening;
  if (!opening) return '';
  if (!opening.body.trim())
    return `\n_Clerk opened the incident without details (${dateToken(opening.at)})._`;
  return `\n*Clerk, ${dateToken(opening.at)}:*\n${quote(opening.body, 1_000, allowedHosts(incident.url))}`;
}

/** Short notification text: the name, the state, and at most three components (a count beyond that). */
function notificationText(input: ParentFacts, resolved: boolean, state: string): string {
  const hurt = input.affected.filter((c) => c.status !== 'operational');
  const detail = resolved
    ? ''
    : hurt.length === 0
      ? ' (incident open)'
      : hurt.length <= 3
        ? ` (${hurt.map((c) => `${escapeText(c.name)}: ${COMPONENT_STATUS_LABEL[c.status]}`).join(', ')})`
        : ` (${hurt.length} components affected)`;
  const mention = input.mention && !resolved ? `${input.mention} ` : '';
  return `${mention}Clerk incident: ${escapeText(input.incident.name)} — ${state}${detail}`;
}

/** "Clerk's last 6 incidents affecting Session management cleared in a median of 38 min (longest 2 h 8 min)". */
export function typicalLine(t: Typical): string {
  return `:hourglass_flowing_sand: Clerk's last ${t.count} incidents affecting ${escapeText(t.componentName)} cleared in a median of ${formatDuration(t.medianMs)} (longest ${formatDuration(t.longestMs)})`;
}

export function renderIncidentParent(input: ParentFacts): RenderedMessage {
  const resolved = isClosed({ status: input.status });
  // An open incident is never shown as fine: with no component stated, its impact (or a warning) speaks.
  const shown = input.severity === 'operational' ? impactSeverity(input.incident.impact) : input.severity;
  const emoji = resolved
    ? SEVERITY_EMOJI.operational
    : shown === 'operational'
      ? ':warning:'
      : SEVERITY_EMOJI[shown];
  const lasted = input.durationMs !== undefined ? ` after ${formatDuration(input.durationMs)}` : '';
  const state = resolved ? `Resolved${lasted}` : INCIDENT_STATUS_LABEL[input.status];
  const mention = input.mention && !resolved ? `${input.mention} ` : '';
  const title = `${mention}${emoji} *Clerk incident: ${link(input.incident.url, input.incident.name)}*`;
  const blocks: KnownBlock[] = [
    section(`${title}\n${stateLines(input, resolved, state)}${openingLines(input.incident)}`),
  ];
  const tips = resolved ? [] : tipsFor(input.affected, 3);
  if (tips.length > 0) blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  if (input.typical && !resolved) blocks.push(context(typicalLine(input.typical)));
  if (input.paged && !resolved) blocks.push(context(':pager: Paged via PagerDuty'));
  if (input.replacesRefused)
    blocks.push(
      context('An earlier message about this incident could not be posted here (Slack refused it).'),
    );
  blocks.push(
    context(
      `Started ${dateToken(input.incident.createdAt)} · updates in the thread · ${link(input.incident.url, 'status page')}`,
    ),
  );
  return message(notificationText(input, resolved, state), blocks);
}
