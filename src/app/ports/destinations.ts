/**
 * Where events go once detected. Each destination (Slack channels, the console; a webhook and PagerDuty next)
 * receives the outbox's events in order and has its own completion record in the outbox: an event leaves the
 * outbox once every destination is done with it, so a slow or failing destination never makes another miss or
 * repeat an event, and each runs in a lane of its own.
 */
import type { BotEvent } from '../../core/events/bot-event.js';

export interface Destination {
  /** Stable: names the destination's completion record in the outbox (`slack`, `console`, …). */
  readonly name: string;
  /**
   * Delivers queued events, oldest first, and returns the ids of those every recipient now has (or can never
   * have). The rest stay queued for this destination and come back on its next pass.
   */
  deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]>;
}
