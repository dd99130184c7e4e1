/**
 * The `/clerk-status` answer: what is not operational, open incidents with their latest update, what to do,
 * and when the page was last checked. One line when all is well.
 */
import type { KnownBlock } from '@slack/types';
import type { SignalState } from '../early-warning/signal.js';
import type { Typical } from '../events/history.js';
import type { Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { tipsFor } from '../tips.js';
import { context, message, section } from './blocks.js';
import { STATUS_EMOJI } from './emoji.js';
import { headlineOf } from './headline.js';
import { typicalLine } from './incident-parent.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL } from './labels.js';
import { allowedHosts, bulletList, dateToken, escapeText, link, quote } from './mrkdwn.js';
import { describeProbes } from './probe-line.js';
import type { RenderedMessage } from './types.js';

export interface StatusInput {
  snapshot: Snapshot | undefined;
  /** Last successful poll. */
  lastCheckedAt: string | undefined;
  now: number;
  /** Older than this, the answer warns that it may be out of date. */
  staleAfterMs: number;
  statusPageUrl: string;
  /** What the early-warning probes see, when they run. */
  probes?: SignalState;
  /** How long comparable incidents took, by open incident id (from the history this process knows). */
  typical?: Record<string, Typical | undefined>;
}

function checkedLine(input: StatusInput): string {
  const page = link(input.statusPageUrl, input.statusPageUrl.replace(/^https?:\/\//, ''));
  const probes = describeProbes(input.probes, input.now);
  const checked = input.lastCheckedAt ? `Last checked ${dateToken(input.lastCheckedAt)}` : 'Not checked yet';
  return `${checked} · ${page}${probes ? `\n${probes}` : ''}`;
}

export function renderStatusReply(input: StatusInput): RenderedMessage {
  const { snapshot } = input;
  if (!snapshot) {
    const text = `I have not been able to read Clerk's status page yet. Check ${input.statusPageUrl} directly.`;
    const probes = describeProbes(input.probes, input.now);
    return {
      text,
      blocks: [section(`:grey_question: ${escapeText(text)}`), ...(probes ? [context(probes)] : [])],
    };
  }
  const stale =
    input.lastCheckedAt !== undefined && input.now - Date.parse(input.lastCheckedAt) > input.staleAfterMs
      ? `:warning: I could not reach the status page recently; this is what it said ${formatDuration(input.now - Date.parse(input.lastCheckedAt))} ago.`
      : undefined;
  const affected = snapshot.components.filter((c) => c.status !== 'operational');
  const open = snapshot.incidents.filter((i) => !isClosed(i));
  const checked = context([stale, checkedLine(input)].filter(Boolean).join('\n'));

  const lead = headlineOf(snapshot, input.probes);
  if (affected.length === 0 && open.length === 0 && !lead.unconfirmed) {
    return { text: lead.words, blocks: [section(`${lead.emoji} *${lead.words}*`), checked] };
  }
  const headline = lead.words;
  const blocks: KnownBlock[] = [section(`${lead.emoji} *${escapeText(headline)}*`)];
  const probeLine = lead.unconfirmed ? describeProbes(input.probes, input.now) : undefined;
  if (probeLine) blocks.push(section(probeLine));
  if (affected.length > 0) {
    const lines = affected.map(
      (c) => `${STATUS_EMOJI[c.status]} *${escapeText(c.name)}*: ${COMPONENT_STATUS_LABEL[c.status]}`,
    );
    blocks.push(section(lines.join('\n')));
  }
  for (const incident of open.slice(0, 5)) {
    const latest = incident.updates[incident.updates.length - 1];
    const age = formatDuration(input.now - Date.parse(incident.createdAt));
    const head = `*${link(incident.url, incident.name)}*\n${INCIDENT_STATUS_LABEL[incident.status]} · started ${age} ago`;
    const body = latest?.body.trim() ? `\n${quote(latest.body, 600, allowedHosts(incident.url))}` : '';
    const typical = input.typical?.[incident.id];
    blocks.push(section(`${head}${body}${typical ? `\n${typicalLine(typical)}` : ''}`));
  }
  const tips = tipsFor(affected.map((c) => ({ id: c.id, name: c.name, status: c.status })));
  if (tips.length > 0) {
    blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  }
  blocks.push(checked);

  const summary = affected
    .slice(0, 10)
    .map((c) => `${escapeText(c.name)}: ${COMPONENT_STATUS_LABEL[c.status]}`)
    .join('; ');
  const incidents = open.map((i) => `${escapeText(i.name)} (${INCIDENT_STATUS_LABEL[i.status]})`).join('; ');
  return message([escapeText(headline), summary, incidents].filter(Boolean).join(' — '), blocks);
}
