/**
 * The operational endpoints (/healthz, /readyz, /status, /metrics) as plain node:http handlers, so the same code
 * serves console mode's own server and Bolt's HTTP receiver (as custom routes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from '../../app/ports/observability.js';
import type { Metrics } from '../metrics.js';

export interface OperationalRoutes {
  path: string;
  method: 'GET';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export function operationalRoutes(deps: {
  liveness: () => { live: boolean };
  readiness: () => Readiness;
  /** What /status answers (no secrets). */
  status: () => Promise<unknown>;
  metrics: Metrics;
}): OperationalRoutes[] {
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        const live = deps.liveness();
        json(res, live.live ? 200 : 503, live);
      },
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        const ready = deps.readiness();
        json(res, ready.ready ? 200 : 503, ready);
      },
    },
    {
      path: '/status',
      method: 'GET',
      handler: (_req, res) => {
        deps.status().then(
          (report) => json(res, 200, report),
          (error: unknown) => json(res, 500, { error: String(error) }),
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        deps.metrics.registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': deps.metrics.registry.contentType }).end(text),
          () => res.writeHead(500).end(),
        );
      },
    },
  ];
}
