import type { BotEvent } from '../core/model.js';
import { renderConsoleLine } from '../core/render/console-line.js';
import type { EventSink } from './ports.js';

/** Console mode: one readable line per event on stdout. */
export class ConsoleSink implements EventSink {
  constructor(private readonly out: { write(text: string): unknown } = process.stdout) {}

  async deliver(event: BotEvent): Promise<'done'> {
    this.out.write(`${renderConsoleLine(event)}\n`);
    return 'done';
  }
}
