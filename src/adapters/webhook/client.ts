/**
 * The team's webhook, signed per the Standard Webhooks spec by the `standardwebhooks` library: `webhook-id`,
 * `webhook-timestamp` (this attempt's time, so a receiver's tolerance check passes on a retry a day later) and
 * `webhook-signature`. The secret and the URL (which may carry credentials) never reach a log.
 */
import { Webhook } from 'standardwebhooks';
import type { OutgoingAnswer, WebhookPort } from '../../app/ports/escalation.js';
import { JsonPoster } from '../http/post-json.js';

export class WebhookClient implements WebhookPort {
  private readonly poster = new JsonPoster();
  private readonly signer: Webhook;

  constructor(
    private readonly url: string,
    secret: string,
    private readonly now: () => number,
  ) {
    this.signer = new Webhook(secret);
  }

  post(id: string, body: string, signal?: AbortSignal): Promise<OutgoingAnswer> {
    const at = new Date(this.now());
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.signer.sign(id, at, body),
    };
    return this.poster.post(this.url, body, headers, signal);
  }

  close(): Promise<void> {
    return this.poster.close();
  }
}
