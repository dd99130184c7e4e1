/**
 * PagerDuty's Events API v2 on loopback, as its documentation describes it: 202 with the dedup key for an event it
 * takes; 400 for a malformed one or a routing key that is not a 32-character key it knows; alerts per dedup key
 * (a trigger on an open key is folded into it, a trigger on a resolved key opens a new alert, a resolve on a
 * resolved or unknown key is dropped). Faults: the next answers (429 with Retry-After, 5xx) or a held answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  routing_key: string;
  event_action: string;
  dedup_key?: string;
  payload?: { summary: string; severity: string; source: string; [key: string]: unknown };
  links?: { href: string; text: string }[];
  [key: string]: unknown;
}

export interface Alert {
  dedupKey: string;
  status: 'triggered' | 'resolved';
  /** Triggers folded into this alert (1 when PagerDuty got exactly one). */
  triggers: number;
}

type PdFault = { status: number; retryAfterSeconds?: number } | { hold: Promise<void> };

export class FakePagerDuty {
  readonly received: ReceivedEvent[] = [];
  readonly alerts: Alert[] = [];
  readonly answered: number[] = [];
  private readonly faults: PdFault[] = [];
  /** Every answer waits this long (a slow PagerDuty). */
  answerDelayMs = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly routingKey: string,
  ) {}

  static async start(routingKey = 'R0UTINGKEY0000000000000000000001'): Promise<FakePagerDuty> {
    let fake: FakePagerDuty | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakePagerDuty(server, `http://127.0.0.1:${port}/v2/enqueue`, routingKey);
    return fake;
  }

  failNext(...faults: PdFault[]): void {
    this.faults.push(...faults);
  }

  /** The events received with this action (and key). */
  events(action: string, dedupKey?: string): ReceivedEvent[] {
    return this.received.filter((e) => e.event_action === action && (!dedupKey || e.dedup_key === dedupKey));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.answered.push(status);
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const fault = this.faults.shift();
    let event: ReceivedEvent;
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedEvent;
    } catch {
      return answer(400, { status: 'invalid event', message: 'Event object is invalid' });
    }
    this.received.push(event);
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    if (fault && 'hold' in fault) await fault.hold;
    else if (fault) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return answer(fault.status, { status: 'throttled' }, headers);
    }
    if (event.routing_key !== this.routingKey)
      return answer(400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['Invalid routing key'],
      });
    if (event.event_action === 'trigger' && !event.payload?.summary)
      return answer(400, { status: 'invalid event', errors: ["'payload.summary' is missing"] });
    this.apply(event);
    return answer(202, { status: 'success', message: 'Event processed', dedup_key: event.dedup_key });
  }

  private apply(event: ReceivedEvent): void {
    const key = event.dedup_key ?? `auto-${this.received.length}`;
    const open = this.alerts.find((a) => a.dedupKey === key && a.status === 'triggered');
    if (event.event_action === 'trigger') {
      if (open) open.triggers++;
      else this.alerts.push({ dedupKey: key, status: 'triggered', triggers: 1 });
    }
    if (event.event_action === 'resolve' && open) open.status = 'resolved';
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
