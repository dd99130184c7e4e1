/** The signed webhook as a destination: on when WEBHOOK_URL is set (config.ts demands its secret). */

import { WebhookClient } from '../../adapters/webhook/client.js';
import { WebhookDestination } from '../../app/escalate/webhook-destination.js';
import { WEBHOOK_RETRY_MS } from '../../core/deliver/outgoing-answers.js';
import type { BuiltDestination, Runtime } from '../runtime.js';
import { outgoingSender } from './escalation-parts.js';

export function webhook(rt: Runtime): BuiltDestination | undefined {
  const config = rt.config.escalation.webhook;
  if (!config) return undefined;
  // The signature's timestamp is the receiver's to check against its own clock: the real time, always.
  const port = new WebhookClient(config.url, config.secret, () => Date.now());
  const destination = new WebhookDestination(port, outgoingSender(rt, 'webhook', WEBHOOK_RETRY_MS));
  return { destination, close: () => port.close() };
}
