/**
 * A webhook receiver on loopback that verifies every request the way the README tells a team to (the
 * `standardwebhooks` library with the shared secret): a bad signature is answered 401 and kept apart. The next
 * answers can be set (500, 429 …); otherwise 200.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedHook {
  id: string;
  timestamp: string;
  body: string;
  verified: boolean;
  answered: number;
}

export class FakeWebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly answers: number[] = [];
  /** Every answer waits this long (a slow receiver). */
  answerDelayMs = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly verifier: Webhook,
  ) {}

  static async start(secret: string): Promise<FakeWebhookReceiver> {
    let fake: FakeWebhookReceiver | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeWebhookReceiver(server, `http://127.0.0.1:${port}/hooks/clerk`, new Webhook(secret));
    return fake;
  }

  answerNext(...statuses: number[]): void {
    this.answers.push(...statuses);
  }

  /** Verified deliveries, one per webhook-id (a repeat the receiver would drop is not counted twice). */
  accepted(): { id: string; body: { type: string; timestamp: string; data: Record<string, unknown> } }[] {
    const seen = new Set<string>();
    return this.received
      .filter((r) => r.verified && r.answered < 300 && !seen.has(r.id) && seen.add(r.id))
      .map((r) => ({ id: r.id, body: JSON.parse(r.body) }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    let verified = true;
    try {
      this.verifier.verify(body, headers);
    } catch {
      verified = false;
    }
    const status = verified ? (this.answers.shift() ?? 200) : 401;
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    this.received.push({
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      body,
      verified,
      answered: status,
    });
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
