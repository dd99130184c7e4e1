/** PagerDuty's Events API v2 as a destination: on when PAGERDUTY_ROUTING_KEY is set. */

import { PagerDutyClient } from '../../adapters/pagerduty/client.js';
import { Episodes } from '../../app/escalate/episodes.js';
import { PagerDutyDestination } from '../../app/escalate/pagerduty-destination.js';
import { PAGERDUTY_RETRY_MS } from '../../core/deliver/outgoing-answers.js';
import { incidentNow } from '../../core/detect/incidents.js';
import type { BuiltDestination, Runtime } from '../runtime.js';
import { outgoingSender } from './escalation-parts.js';

/** About 120 events a minute per integration key is PagerDuty's limit: one every 500 ms stays under it. */
const MIN_GAP_MS = 500;

export function pagerDuty(rt: Runtime): BuiltDestination | undefined {
  const config = rt.config.escalation.pagerDuty;
  if (!config) return undefined;
  const port = new PagerDutyClient(config.eventsUrl, config.routingKey);
  const destination = new PagerDutyDestination({
    port,
    sender: outgoingSender(rt, 'pagerduty', PAGERDUTY_RETRY_MS, MIN_GAP_MS),
    episodes: new Episodes(rt.store),
    on: config.on,
    source: rt.config.statusUrl,
    incidentNow: (id) => incidentNow(rt.cycle.current().snapshot, id),
    enqueue: async (events) => {
      await rt.outbox.append(events);
      rt.delivery.ring();
    },
  });
  return { destination, close: () => port.close() };
}
