/** PagerDuty's Events API v2 as a destination: on when PAGERDUTY_ROUTING_KEY is set. */

import { PagerDutyClient } from '../../adapters/pagerduty/client.js';
import { ThreadRepository } from '../../app/deliver/thread-repository.js';
import { Episodes } from '../../app/escalate/episodes.js';
import { PagerDutyDestination } from '../../app/escalate/pagerduty-destination.js';
import { PAGERDUTY_RETRY_MS } from '../../core/deliver/outgoing-answers.js';
import { incidentNow } from '../../core/detect/incidents.js';
import { permalink } from '../../core/plan/warning-steps.js';
import type { BuiltDestination, Runtime } from '../runtime.js';
import { outgoingSender } from './escalation-parts.js';

/** About 120 events a minute per integration key is PagerDuty's limit: one every 500 ms stays under it. */
const MIN_GAP_MS = 500;

/** How many channels are asked for the incident's thread before giving up (the first with one wins). */
const THREAD_LOOKUPS = 20;

/** A permalink to the first channel's parent for this incident (channels before DMs), if one is posted already. */
async function slackThreadOf(rt: Runtime, incidentId: string): Promise<string | undefined> {
  if (!rt.slack) return undefined;
  const threads = new ThreadRepository(rt.store);
  const channels = (await rt.subscriptions.listAll()).filter((s) => !s.personal).slice(0, THREAD_LOOKUPS);
  for (const { teamId, channelId } of channels) {
    const parentTs = (await threads.load(teamId, channelId, [incidentId]))[incidentId]?.parentTs;
    const teamUrl = parentTs ? await rt.workspaces.teamUrl(teamId) : undefined;
    if (parentTs && teamUrl) return permalink(teamUrl, channelId, parentTs);
  }
  return undefined;
}

export function pagerDuty(rt: Runtime): BuiltDestination | undefined {
  const config = rt.config.escalation.pagerDuty;
  if (!config) return undefined;
  const port = new PagerDutyClient(
    config.eventsUrl,
    config.routingKey,
    rt.options.outgoingMinGapMs ?? MIN_GAP_MS,
  );
  const destination = new PagerDutyDestination({
    port,
    sender: outgoingSender(rt, 'pagerduty', PAGERDUTY_RETRY_MS),
    episodes: new Episodes(rt.store),
    on: config.on,
    source: rt.config.statusUrl,
    incidentNow: (id) => incidentNow(rt.cycle.current().snapshot, id),
    slackThread: (id) => slackThreadOf(rt, id),
    enqueue: async (events) => {
      await rt.outbox.append(events);
      rt.delivery.ring();
    },
  });
  return { destination, close: () => port.close() };
}
