/** Console mode: one line at start with what Clerk's page shows now, then one readable line per change on stdout. */
import type { Destination } from '../app/ports/destinations.js';
import type { BotEvent } from '../core/events/bot-event.js';
import type { Snapshot } from '../core/events/page.js';
import { renderConsoleLine, renderConsoleSummary } from '../core/render/console-line.js';

export class ConsoleSink implements Destination {
  readonly name = 'console';
  private summarized = false;

  constructor(private readonly out: { write(text: string): unknown } = process.stdout) {}

  /** After a successful poll: the first time, say what the page shows, so a newcomer sees it works. */
  polled(snapshot: Snapshot | undefined, nowIso: string): void {
    if (this.summarized || !snapshot) return;
    this.summarized = true;
    this.out.write(`${renderConsoleSummary(snapshot, nowIso)}\n`);
  }

  async deliver(events: BotEvent[]): Promise<string[]> {
    for (const event of events) {
      const line = renderConsoleLine(event);
      if (line) this.out.write(`${line}\n`);
    }
    return events.map((e) => e.id);
  }
}
