/**
 * What one probe of the team's own Clerk instance found: the probe vocabulary every stage shares (the events, the
 * signal, the planner, the renderers). How an answer becomes an outcome is early-warning/probes.ts.
 */

export type ProbeFamily = 'frontend' | 'backend';

export const PROBE_ENDPOINTS = {
  'frontend.health': { family: 'frontend', label: 'Frontend API /v1/health' },
  'frontend.environment': { family: 'frontend', label: 'Frontend API /v1/environment' },
  'backend.jwks': { family: 'backend', label: 'Backend API /v1/jwks' },
  'backend.users_count': { family: 'backend', label: 'Backend API /v1/users/count' },
} as const satisfies Record<string, { family: ProbeFamily; label: string }>;

export type ProbeEndpoint = keyof typeof PROBE_ENDPOINTS;

export const FAMILY_LABEL: Record<ProbeFamily, string> = {
  frontend: 'Frontend API',
  backend: 'Backend API',
};

/** ok and slow answered; the rest did not work. `refused` (a 4xx other than 429) is a configuration problem. */
export type ProbeOutcome =
  | 'ok'
  | 'slow'
  | 'http_5xx'
  | 'rate_limited'
  | 'timeout'
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'refused'
  /** Answered 2xx with a body that is not what the endpoint returns (an HTML error page from a proxy or CDN). */
  | 'unexpected_body';

export interface ProbeResult {
  endpoint: ProbeEndpoint;
  outcome: ProbeOutcome;
  /** HTTP status, when there was an answer. */
  status?: number;
  latencyMs: number;
  /** `/v1/environment` only: Clerk's Maintenance Mode flag, when the body said. */
  maintenanceMode?: boolean;
  /** What was wrong with an unexpected body ("not JSON (text/html)", "no keys array"). */
  reason?: string;
}
