/** The App Home tab: overall status, every component, open incidents, and this workspace's subscriptions. */
import type { HomeView, KnownBlock } from '@slack/types';
import { isClosed } from '../detect/incidents.js';
import { worstSeverity } from '../severity.js';
import type { Snapshot } from '../status-page/model.js';
import type { Subscription } from '../subscriptions/subscription.js';
import { section } from './blocks.js';
import { describeSubscription } from './command-replies.js';
import { SEVERITY_EMOJI, STATUS_EMOJI } from './emoji.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from './labels.js';
import { dateToken, escapeText, link, quote } from './mrkdwn.js';

export interface HomeInput {
  snapshot: Snapshot | undefined;
  lastCheckedAt: string | undefined;
  now: number;
  subscriptions: Subscription[];
  statusPageUrl: string;
}

export function renderHomeView(input: HomeInput): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Clerk status', emoji: true } },
  ];
  const { snapshot } = input;
  if (!snapshot) {
    blocks.push(
      section(':grey_question: The status page has not been read yet. This view refreshes when it is.'),
    );
  } else {
    const worst = worstSeverity(snapshot.components.map((c) => c.status));
    const open = snapshot.incidents.filter((i) => !isClosed(i));
    blocks.push(
      section(
        worst === 'operational' && open.length === 0
          ? `${SEVERITY_EMOJI.operational} *All Clerk systems are operational.*`
          : `${SEVERITY_EMOJI[worst]} *Clerk: ${SEVERITY_LABEL[worst]}*${open.length > 0 ? ` · ${open.length} open incident${open.length > 1 ? 's' : ''}` : ''}`,
      ),
    );
    for (const incident of open.slice(0, 5)) {
      const latest = incident.updates[incident.updates.length - 1];
      blocks.push(
        section(
          `*${link(incident.url, incident.name)}*\n${INCIDENT_STATUS_LABEL[incident.status]} · started ${formatDuration(input.now - Date.parse(incident.createdAt))} ago${latest ? `\n${quote(latest.body, 500)}` : ''}`,
        ),
      );
    }
    blocks.push({ type: 'divider' });
    const rows = snapshot.components.map(
      (c) => `${STATUS_EMOJI[c.status]} ${escapeText(c.name)} — ${COMPONENT_STATUS_LABEL[c.status]}`,
    );
    for (let i = 0; i < rows.length && blocks.length < 90; i += 25)
      blocks.push(section(rows.slice(i, i + 25).join('\n')));
  }
  blocks.push({ type: 'divider' });
  blocks.push(section('*Channels subscribed in this workspace*'));
  if (input.subscriptions.length === 0) {
    blocks.push(section('None yet. Run `/clerk-status subscribe` in a channel to get changes there.'));
  }
  for (const subscription of input.subscriptions.slice(0, 50)) {
    if (blocks.length >= 98) break;
    blocks.push(section(`<#${subscription.channelId}>: ${describeSubscription(subscription)}`));
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `${input.lastCheckedAt ? `Last checked ${dateToken(input.lastCheckedAt)}` : 'Not checked yet'} · ${link(input.statusPageUrl, 'status page')}`,
      },
    ],
  });
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
