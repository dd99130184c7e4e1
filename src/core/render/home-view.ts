/** The App Home tab: overall status, every component, open incidents, and this workspace's subscriptions. */

import type { KnownBlock } from '@slack/types';
import type { SignalState } from '../early-warning/signal.js';
import type { ChecksReport } from '../events/checks.js';
import type { DestinationState } from '../events/destinations.js';
import type { Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import type { Subscription } from '../subscriptions/subscription.js';
import { header, section, VIEW_BLOCKS_MAX } from './blocks.js';
import { checksBlocks } from './checks-reply.js';
import { describeSubscription } from './command-replies.js';
import { destinationBlocks } from './destinations.js';
import { STATUS_EMOJI } from './emoji.js';
import { headlineOf } from './headline.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL } from './labels.js';
import { allowedHosts, dateToken, escapeText, link, quote } from './mrkdwn.js';
import { describeProbes } from './probe-line.js';
import { endedReason } from './subscription-ended.js';
import type { RenderedHome } from './types.js';

export interface HomeInput {
  snapshot: Snapshot | undefined;
  lastCheckedAt: string | undefined;
  now: number;
  subscriptions: Subscription[];
  /** Subscriptions that ended because Slack said their channel is gone, newest first. */
  ended?: { channelId: string; reason: string; at: string }[];
  /** Messages Slack refused for good (each after a minimal retry), newest first; the last week's are shown. */
  dropped?: { channelId: string; reason: string; at: string }[];
  statusPageUrl: string;
  /** What the early-warning probes see, when they run. */
  probes?: SignalState;
  /** The team's own checks and jobs, when CHECKS_FILE is set. */
  checks?: ChecksReport;
  /** PagerDuty and the webhook, when configured. */
  destinations?: DestinationState[];
  /** The viewer's own direct-message subscription (`/clerk-status dm`), if any; only they see it. */
  personal?: Subscription | null;
  /** When the bot's store was found to have lost its data (subscriptions gone), if it was. */
  dataLostSince?: string;
}

/** Overall status, open incidents with their latest words, and every component. */
function statusBlocks(snapshot: Snapshot | undefined, now: number, probes?: SignalState): KnownBlock[] {
  if (!snapshot)
    return [
      section(':grey_question: The status page has not been read yet. This view refreshes when it is.'),
    ];
  const open = snapshot.incidents.filter((i) => !isClosed(i));
  const lead = headlineOf(snapshot, probes);
  const blocks: KnownBlock[] = [section(`${lead.emoji} *${escapeText(lead.words)}*`)];
  for (const incident of open.slice(0, 5)) {
    const latest = incident.updates[incident.updates.length - 1];
    const age = formatDuration(now - Date.parse(incident.createdAt));
    blocks.push(
      section(
        `*${link(incident.url, incident.name)}*\n${INCIDENT_STATUS_LABEL[incident.status]} · started ${age} ago${latest?.body.trim() ? `\n${quote(latest.body, 500, allowedHosts(incident.url))}` : ''}`,
      ),
    );
  }
  blocks.push({ type: 'divider' });
  const rows = snapshot.components.map(
    (c) => `${STATUS_EMOJI[c.status]} ${escapeText(c.name)} — ${COMPONENT_STATUS_LABEL[c.status]}`,
  );
  for (let i = 0; i < rows.length && blocks.length < 60; i += 25)
    blocks.push(section(rows.slice(i, i + 25).join('\n')));
  return blocks;
}

/** This workspace's subscribed channels, and the subscriptions that ended. */
function subscriptionBlocks(input: HomeInput): KnownBlock[] {
  const blocks: KnownBlock[] = [section('*Channels subscribed in this workspace*')];
  if (input.subscriptions.length === 0) {
    blocks.push(section('None yet. Run `/clerk-status subscribe` in a channel to get changes there.'));
  }
  for (const subscription of input.subscriptions.slice(0, 25)) {
    blocks.push(section(`<#${subscription.channelId}>: ${describeSubscription(subscription)}`));
  }
  const ended = (input.ended ?? []).slice(0, 10);
  if (ended.length > 0) {
    const lines = ended.map(
      (e) => `• <#${escapeText(e.channelId)}> since ${dateToken(e.at)}: ${endedReason(e.reason)}`,
    );
    blocks.push(section(`*Subscriptions that ended*\n${lines.join('\n')}`));
  }
  const dropped = (input.dropped ?? []).filter((d) => input.now - Date.parse(d.at) < WEEK_MS).slice(0, 10);
  if (dropped.length > 0) {
    const lines = dropped.map(
      (d) =>
        `• <#${escapeText(d.channelId)}> ${dateToken(d.at)}: Slack refused a message (\`${escapeText(d.reason)}\`), even in its shortest form; the messages after it were posted.`,
    );
    blocks.push(section(`*Messages Slack refused*\n${lines.join('\n')}`));
  }
  return blocks;
}

const WEEK_MS = 7 * 24 * 3600_000;

/** The App Home button that turns the viewer's DMs on (every component) or off. */
export const DM_TOGGLE_ACTION = 'clerk_status_dm_toggle';

function personalBlock(personal: Subscription | null): KnownBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: personalLine(personal) },
    accessory: {
      type: 'button',
      action_id: DM_TOGGLE_ACTION,
      value: personal ? 'off' : 'on',
      text: { type: 'plain_text', text: personal ? 'Stop my DMs' : 'Send me DMs' },
      ...(personal ? {} : { style: 'primary' as const }),
    },
  };
}

/** The viewer's DMs, in one line: what they get, and how to change or stop it. */
function personalLine(personal: Subscription | null): string {
  if (!personal)
    return ':bell: *Direct messages to you*: off. Get alerts in a DM with `/clerk-status dm` (or `dm Session management, Webhooks`).';
  const what =
    personal.componentIds.length === 0
      ? 'every Clerk component'
      : personal.componentNames.map((n) => `*${escapeText(n)}*`).join(', ');
  return `:bell: *Direct messages to you*: ${what}. Change with \`/clerk-status dm <components>\`, stop with \`/clerk-status dm off\`.`;
}

export function renderHomeView(input: HomeInput): RenderedHome {
  const checked = input.lastCheckedAt ? `Last checked ${dateToken(input.lastCheckedAt)}` : 'Not checked yet';
  const probes = describeProbes(input.probes, input.now);
  const footer: KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${checked} · ${link(input.statusPageUrl, 'status page')}` }],
  };
  const blocks: KnownBlock[] = [
    header('Clerk status'),
    ...statusBlocks(input.snapshot, input.now, input.probes),
    ...(probes ? [section(`:satellite_antenna: ${probes}`)] : []),
    { type: 'divider' },
    ...(input.dataLostSince
      ? [
          section(
            `:rotating_light: *This bot's store lost its data* ${dateToken(input.dataLostSince)} (its Redis restarted without persistence, or keys were deleted). Every channel's subscription from before is gone: subscribe again with \`/clerk-status subscribe\` in each channel.`,
          ),
        ]
      : []),
    ...(input.checks ? checksBlocks(input.checks) : []),
    ...destinationBlocks(input.destinations ?? []),
    ...(input.personal !== undefined ? [personalBlock(input.personal)] : []),
    ...subscriptionBlocks(input),
  ];
  // A Home tab holds at most 100 blocks: the footer always fits.
  return { type: 'home', blocks: [...blocks.slice(0, VIEW_BLOCKS_MAX - 1), footer] };
}
