/**
 * `GET /` (the dashboard), `GET /dashboard.json` (its data) and its assets, served where /status is. A strict
 * Content-Security-Policy: scripts, styles and data only from this origin, nothing inline, no framing.
 */
import type { ServerResponse } from 'node:http';
import type { DashboardData } from '../../core/render/dashboard-data.js';
import { renderDashboard } from '../../core/render/dashboard-html.js';
import { dashboardAssets } from './dashboard-assets.js';
import type { OperationalRoutes } from './routes.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** A route that answers with what `body` renders from fresh dashboard data, or a plain 500. */
function dataRoute(
  path: string,
  type: string,
  data: () => Promise<DashboardData>,
  body: (d: DashboardData) => string,
): OperationalRoutes {
  return {
    path,
    method: 'GET',
    handler: (_req, res: ServerResponse) => {
      data().then(
        (d) =>
          res
            .writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS })
            .end(body(d)),
        () =>
          res
            .writeHead(500, { 'content-type': 'text/plain', ...SECURITY_HEADERS })
            .end('The dashboard could not be built.'),
      );
    },
  };
}

export function dashboardRoutes(data: () => Promise<DashboardData>): OperationalRoutes[] {
  return [
    dataRoute('/', 'text/html; charset=utf-8', data, renderDashboard),
    dataRoute('/dashboard.json', 'application/json', data, (d) => JSON.stringify(d)),
    // Browsers ask for it: an empty answer, not a 404 in the console.
    {
      path: '/favicon.ico',
      method: 'GET',
      handler: (_req, res) => res.writeHead(204, SECURITY_HEADERS).end(),
    },
    ...dashboardAssets().map(
      (asset): OperationalRoutes => ({
        path: asset.path,
        method: 'GET',
        handler: (_req, res) =>
          res
            .writeHead(200, {
              'content-type': asset.type,
              'cache-control': 'max-age=300',
              ...SECURITY_HEADERS,
            })
            .end(asset.body),
      }),
    ),
  ];
}
