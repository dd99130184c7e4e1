/** Console mode's HTTP server: only the operational routes. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationalRoutes } from './routes.js';

export async function startHttpServer(
  port: number,
  routes: OperationalRoutes[],
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) route.handler(req, res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
