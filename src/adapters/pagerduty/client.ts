/** PagerDuty's Events API v2: the message with the routing key added here, and only here (it is never logged). */
import type { OutgoingAnswer, PagerDutyPort } from '../../app/ports/escalation.js';
import type { PagerDutyMessage } from '../../core/render/pagerduty.js';
import { JsonPoster } from '../http/post-json.js';

export class PagerDutyClient implements PagerDutyPort {
  private readonly poster = new JsonPoster();

  constructor(
    private readonly eventsUrl: string,
    private readonly routingKey: string,
  ) {}

  send(message: PagerDutyMessage, signal?: AbortSignal): Promise<OutgoingAnswer> {
    const body = JSON.stringify({ routing_key: this.routingKey, ...message });
    return this.poster.post(this.eventsUrl, body, {}, signal);
  }

  close(): Promise<void> {
    return this.poster.close();
  }
}
