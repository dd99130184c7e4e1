/** What is worth announcing: recent enough, and from a page that is believable. */

import type { BotEvent } from '../events/bot-event.js';
import type { Snapshot } from '../events/page.js';

/**
 * Events recent enough to announce. Older ones are still recorded (the snapshot moves on) but not told:
 * a months-old update found after a long outage of the bot is history, not news. Source events always pass.
 */
export function freshEvents(events: BotEvent[], now: number, maxAgeMs: number): BotEvent[] {
  return events.filter((e) => e.kind.startsWith('source.') || now - Date.parse(e.at) <= maxAgeMs);
}

/**
 * A snapshot that would announce every component as removed is a broken page, not an outage.
 * Returns the problem, or undefined when the snapshot is believable.
 */
export function implausibility(previous: Snapshot | undefined, next: Snapshot): string | undefined {
  if (next.components.length === 0 && (previous?.components.length ?? 0) > 0) {
    return 'the status page listed no components (it had some before)';
  }
  return undefined;
}
