/**
 * Destinations beside Slack that escalate: PagerDuty's Events API v2 and the team's signed webhook. Adapters:
 * adapters/pagerduty/, adapters/webhook/. Each call is bounded by its own timeout and never follows a redirect;
 * the routing key and the signing secret stay in the adapter.
 */
import type { PagerDutyMessage } from '../../core/render/pagerduty.js';

/** What came back: an HTTP status (with Retry-After and the start of the body), or why nothing came. */
export interface OutgoingAnswer {
  status?: number;
  retryAfterMs?: number;
  /** The first bytes of the body, for a refusal's reason. */
  body?: string;
  /** A network failure or a timeout, in a few words. */
  error?: string;
}

export interface PagerDutyPort {
  send(message: PagerDutyMessage, signal?: AbortSignal): Promise<OutgoingAnswer>;
}

export interface WebhookPort {
  /** POSTs `body` signed for `id` (the `webhook-id`: the same on every retry) at this moment's timestamp. */
  post(id: string, body: string, signal?: AbortSignal): Promise<OutgoingAnswer>;
}

/** Counts per destination, for /metrics. */
export interface EscalationObserver {
  outgoing?(destination: string, outcome: 'delivered' | 'retried' | 'refused' | 'gave_up' | 'resent'): void;
}
