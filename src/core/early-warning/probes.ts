/**
 * What one probe of the team's own Clerk instance found, and how a raw answer is classified. A 429 is a failure:
 * at the probe's tiny request rate it means Clerk is shedding load (its 2026 outages answered 429), not that we
 * asked too often. Any other 4xx is our configuration (a wrong key, a wrong URL), never "Clerk is down".
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
  | 'refused';

export interface ProbeResult {
  endpoint: ProbeEndpoint;
  outcome: ProbeOutcome;
  /** HTTP status, when there was an answer. */
  status?: number;
  latencyMs: number;
  /** `/v1/environment` only: Clerk's Maintenance Mode flag, when the body said. */
  maintenanceMode?: boolean;
}

/** Outcomes that count towards a warning. Slow counts: a Frontend API answering in seconds fails sign-ins too. */
export function isFailure(outcome: ProbeOutcome): boolean {
  return outcome !== 'ok' && outcome !== 'refused';
}

export type RawAnswer =
  | { kind: 'answer'; status: number; latencyMs: number }
  | { kind: 'error'; error: 'timeout' | 'dns' | 'tcp' | 'tls'; latencyMs: number };

/** A raw answer → its outcome. `slowMs`: an answer slower than this is `slow`. */
export function classify(answer: RawAnswer, slowMs: number): ProbeOutcome {
  if (answer.kind === 'error') return answer.error;
  const { status } = answer;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'http_5xx';
  if (status >= 400) return 'refused';
  if (status < 200 || status >= 300) return 'refused';
  return answer.latencyMs > slowMs ? 'slow' : 'ok';
}

/** "503", "429", "timeout", "slow (2.3 s)", "DNS error": how an outcome reads in a message. */
export function describeOutcome(result: Pick<ProbeResult, 'outcome' | 'status' | 'latencyMs'>): string {
  switch (result.outcome) {
    case 'ok':
      return `healthy, ${Math.round(result.latencyMs)} ms`;
    case 'slow':
      return `slow (${(result.latencyMs / 1000).toFixed(1)} s)`;
    case 'http_5xx':
    case 'rate_limited':
    case 'refused':
      return String(result.status ?? result.outcome);
    case 'timeout':
      return 'timeout';
    case 'dns':
      return 'DNS error';
    case 'tcp':
      return 'connection error';
    case 'tls':
      return 'TLS error';
  }
}
