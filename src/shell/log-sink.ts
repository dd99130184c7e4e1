import type { Logger } from 'pino';
import type { BotEvent } from '../core/model.js';
import { renderConsoleLine } from '../core/render/console-line.js';
import type { EventSink } from './ports.js';

/** Records each event as a log line; used where no channel delivery is wired. */
export class LogSink implements EventSink {
  constructor(private readonly log: Logger) {}

  async deliver(events: BotEvent[]): Promise<string[]> {
    for (const event of events)
      this.log.info({ event: event.id, kind: event.kind }, renderConsoleLine(event));
    return events.map((e) => e.id);
  }
}
