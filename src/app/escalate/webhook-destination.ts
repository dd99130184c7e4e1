/**
 * The signed webhook as a destination: every event, as `{ type, timestamp, data }` (core/render/webhook-body.ts),
 * POSTed once through the outgoing sender with the event's id as `webhook-id` (the same on every retry, so the
 * receiver can drop a repeat). Events are independent: one that waits for a retry holds back nothing else.
 */
import type { BotEvent } from '../../core/events/bot-event.js';
import { webhookBody } from '../../core/render/webhook-body.js';
import type { Destination } from '../ports/destinations.js';
import type { WebhookPort } from '../ports/escalation.js';
import type { OutgoingSender } from './outgoing-sender.js';

export class WebhookDestination implements Destination {
  readonly name = 'webhook';

  constructor(
    private readonly port: WebhookPort,
    private readonly sender: OutgoingSender,
  ) {}

  async deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]> {
    const done: string[] = [];
    for (const event of events) {
      if (signal?.aborted) break;
      const body = JSON.stringify(webhookBody(event));
      const item = {
        deliveryId: `webhook:${event.id}`,
        send: (s?: AbortSignal) => this.port.post(event.id, body, s),
      };
      if ((await this.sender.deliver(item, signal)) === 'done') done.push(event.id);
    }
    return done;
  }
}
