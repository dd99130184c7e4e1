/**
 * PagerDuty's Events API v2: the message with the routing key added here, and only here (it is never logged), at
 * PagerDuty's pace: one call at a time, at least `minGapMs` apart (it takes about 120 events a minute per key).
 */
import type { OutgoingAnswer, PagerDutyPort } from '../../app/ports/escalation.js';
import type { PagerDutyMessage } from '../../core/render/pagerduty.js';
import { JsonPoster } from '../http/post-json.js';

export class PagerDutyClient implements PagerDutyPort {
  private readonly poster = new JsonPoster();
  private queue: Promise<unknown> = Promise.resolve();
  private lastCallAt = 0;

  constructor(
    private readonly eventsUrl: string,
    private readonly routingKey: string,
    private readonly minGapMs = 500,
  ) {}

  send(message: PagerDutyMessage, signal?: AbortSignal): Promise<OutgoingAnswer> {
    const body = JSON.stringify({ routing_key: this.routingKey, ...message });
    const call = this.queue.then(async () => {
      const wait = this.lastCallAt + this.minGapMs - Date.now();
      if (wait > 0 && !signal?.aborted) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastCallAt = Date.now();
      return this.poster.post(this.eventsUrl, body, {}, signal);
    });
    this.queue = call.catch(() => undefined);
    return call;
  }

  close(): Promise<void> {
    return this.poster.close();
  }
}
