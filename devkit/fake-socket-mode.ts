/**
 * Slack's Socket Mode endpoint on loopback: the fake Slack's apps.connections.open hands out this URL; the
 * bot connects, gets `hello`, and receives envelopes (slash commands, events) that it acks over the socket.
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  private socket: WebSocket | undefined;
  private counter = 0;

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as Ack));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A0APP' },
          debug_info: { host: 'fake' },
        }),
      );
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeSocketMode(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Sends an envelope the way Slack does and returns its id, to find the ack by. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>): string {
    this.counter += 1;
    const envelopeId = `env-${this.counter}`;
    this.socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return envelopeId;
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
