import type { EventSink } from '../app/ports.js';
import type { BotEvent } from '../core/detect/events.js';
import { renderConsoleLine } from '../core/render/console-line.js';

/** Console mode: one readable line per change on stdout. */
export class ConsoleSink implements EventSink {
  constructor(private readonly out: { write(text: string): unknown } = process.stdout) {}

  async deliver(events: BotEvent[]): Promise<string[]> {
    for (const event of events) this.out.write(`${renderConsoleLine(event)}\n`);
    return events.map((e) => e.id);
  }
}
