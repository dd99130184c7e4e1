/**
 * The team's own app on loopback, as own checks and jobs call it: each path answers in a mode (a health route that
 * passes, fails, hangs, answers slowly, answers 200 with {"ok":false}, sends an endless body, or redirects to another
 * host), and every request is recorded with its method, headers and time, so a test can count runs per slot and
 * prove its fault fired.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AppMode = 'pass' | 'fail' | 'hang' | 'slow' | 'ok-false' | 'huge' | 'redirect' | '429';

export interface AppRequest {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  mode: AppMode;
  at: number;
}

export class FakeAppServer {
  readonly requests: AppRequest[] = [];
  /** Each path's mode; unknown paths pass. */
  readonly modes = new Map<string, AppMode>();
  slowMs = 1_500;
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<FakeAppServer> {
    let app: FakeAppServer | undefined;
    const server = createServer((req, res) => app?.answer(req, res));
    app = new FakeAppServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests to `path` so far. */
  to(path: string): AppRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const mode = this.modes.get(path) ?? 'pass';
    this.requests.push({ path, method: req.method ?? 'GET', headers: req.headers, mode, at: Date.now() });
    req.resume();
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    switch (mode) {
      case 'pass':
        json(200, { ok: true });
        return;
      case 'fail':
        json(503, { ok: false, error: 'clerk: secret key invalid' });
        return;
      case 'ok-false':
        json(200, { ok: false });
        return;
      case '429':
        json(429, { error: 'slow down' });
        return;
      case 'slow':
        setTimeout(() => json(200, { ok: true }), this.slowMs);
        return;
      case 'hang':
        return; // never answers; the socket is closed with the server
      case 'redirect':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(64 * 1024);
        const pump = () => {
          while (res.write(chunk)) if (res.writableLength > 1 << 20) break;
          if (!res.destroyed) setTimeout(pump, 1);
        };
        pump();
        return;
      }
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
