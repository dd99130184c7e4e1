/**
 * A Clerk instance on loopback, as the early-warning probes see it: Frontend API /v1/health and /v1/environment
 * (with its maintenance_mode flag), Backend API /v1/jwks and /v1/users/count (Bearer secret key). Each family
 * answers in a mode (ok, 503, 429, 500, hang, slow, reset), for good or for the next few requests, and every
 * request is recorded, so a test can assert its fault really fired.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ClerkFamily = 'frontend' | 'backend';
/** `html`: 200 with an HTML error page, as a proxy or CDN in front of a failing API answers. */
export type ClerkMode = 'ok' | '503' | '429' | '500' | 'hang' | 'slow' | 'reset' | 'html';

export interface ClerkRequest {
  path: string;
  family: ClerkFamily | undefined;
  mode: ClerkMode;
  authorization?: string;
  at: number;
}

const FAMILY: Record<string, ClerkFamily> = {
  '/v1/health': 'frontend',
  '/v1/environment': 'frontend',
  '/v1/jwks': 'backend',
  '/v1/users/count': 'backend',
};

export class FakeClerk {
  readonly requests: ClerkRequest[] = [];
  /** How each family answers, unless a queued fault comes first. */
  readonly mode: Record<ClerkFamily, ClerkMode> = { frontend: 'ok', backend: 'ok' };
  maintenanceMode = false;
  /** How long `slow` takes; `hang` never answers (until closed). */
  slowMs = 1_500;
  retryAfterSeconds: number | undefined;
  private readonly queued: Record<ClerkFamily, ClerkMode[]> = { frontend: [], backend: [] };

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly secretKey: string,
  ) {}

  static async start(secretKey = 'sk_test_fakeclerksecret0123456789'): Promise<FakeClerk> {
    let clerk: FakeClerk | undefined;
    const server = createServer((req, res) => void clerk?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    clerk = new FakeClerk(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secretKey);
    return clerk;
  }

  /** The next `requests` requests to the family answer this way, then its mode applies again. */
  failNext(family: ClerkFamily, mode: ClerkMode, requests: number): void {
    this.queued[family].push(...Array.from({ length: requests }, () => mode));
  }

  /** Requests that met a mode other than ok. */
  faultsFired(family?: ClerkFamily): number {
    return this.requests.filter((r) => r.mode !== 'ok' && (!family || r.family === family)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const family = FAMILY[path];
    const mode = family ? (this.queued[family].shift() ?? this.mode[family]) : 'ok';
    this.requests.push({
      path,
      family,
      mode,
      at: Date.now(),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (!family) return json(404, { errors: [{ code: 'resource_not_found' }] });
    if (family === 'backend' && req.headers.authorization !== `Bearer ${this.secretKey}`)
      return json(401, { errors: [{ code: 'authentication_invalid' }] });
    if (mode === 'hang') return; // never answers; the probe's timeout must end it
    if (mode === 'reset') return void req.socket.destroy();
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, this.slowMs));
    if (mode === '503') return json(503, { status: 'unhealthy' });
    if (mode === 'html')
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>');
    if (mode === '500') return json(500, { errors: [{ code: 'internal_clerk_error' }] });
    if (mode === '429')
      return json(
        429,
        { errors: [{ code: 'too_many_requests' }] },
        this.retryAfterSeconds === undefined ? {} : { 'retry-after': String(this.retryAfterSeconds) },
      );
    if (res.destroyed) return;
    return json(200, this.body(path));
  }

  private body(path: string): unknown {
    switch (path) {
      case '/v1/health':
        return { status: 'healthy' };
      case '/v1/environment':
        return {
          auth_config: { object: 'auth_config' },
          display_config: {},
          maintenance_mode: this.maintenanceMode,
        };
      case '/v1/jwks':
        return { keys: [{ kty: 'RSA', kid: 'ins_fake', use: 'sig', alg: 'RS256', n: 'AQAB', e: 'AQAB' }] };
      default:
        return { object: 'total_count', total_count: 42 };
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
