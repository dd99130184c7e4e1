/** PagerDuty and the webhook in App Home: one line each, what went out last, what waits, what was refused. */
import type { KnownBlock } from '@slack/types';
import type { DestinationState } from '../events/destinations.js';
import { context } from './blocks.js';
import { dateToken, escapeText } from './mrkdwn.js';

const LABEL: Record<string, string> = { pagerduty: 'PagerDuty', webhook: 'Webhook' };

function line(d: DestinationState): string {
  const name = `*${LABEL[d.name] ?? escapeText(d.name)}*`;
  const last = d.lastDeliveredAt
    ? `last delivery ${dateToken(d.lastDeliveredAt, '{date_short} {time}')}`
    : 'nothing sent yet';
  const waiting =
    d.waiting > 0
      ? ` · :hourglass: ${d.waiting} waiting to be retried (${escapeText(d.lastFailure?.reason ?? '')})`
      : '';
  const refused = d.lastRefusal
    ? ` · :warning: ${d.refused} refused, last: ${escapeText(d.lastRefusal.reason.slice(0, 200))}${d.name === 'pagerduty' ? ' (check PAGERDUTY_ROUTING_KEY)' : ''}`
    : '';
  return `${name}: ${d.delivered} sent, ${last}${waiting}${refused}`;
}

export function destinationBlocks(destinations: DestinationState[]): KnownBlock[] {
  return destinations.length === 0 ? [] : [context(destinations.map(line).join('\n'))];
}
