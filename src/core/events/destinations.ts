/** How a destination beside Slack (PagerDuty, the webhook) is doing, as /status and App Home show it. */
export interface DestinationState {
  name: string;
  delivered: number;
  lastDeliveredAt: string | null;
  /** Attempts that failed and will be tried again. */
  failures: number;
  lastFailure: { at: string; reason: string } | null;
  /** Deliveries waiting for their next attempt now. */
  waiting: number;
  /** Refused for good (never retried), and the latest refusal. */
  refused: number;
  lastRefusal: { at: string; reason: string } | null;
  /** Given up after retrying for a day. */
  gaveUp: number;
}
