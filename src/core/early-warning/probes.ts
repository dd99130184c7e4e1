/**
 * How a raw probe answer is classified. A 429 is a failure: at the probe's tiny request rate it means Clerk is
 * shedding load (its 2026 outages answered 429), not that we asked too often. Any other 4xx is our configuration
 * (a wrong key, a wrong URL), never "Clerk is down".
 */
import type { ProbeOutcome, ProbeResult } from '../events/probes.js';

/** Outcomes that count towards a warning. Slow counts: a Frontend API answering in seconds fails sign-ins too. */
export function isFailure(outcome: ProbeOutcome): boolean {
  return outcome !== 'ok' && outcome !== 'refused';
}

export type RawAnswer =
  /** `unexpected`: what was wrong with a 2xx body, when it was not the endpoint's shape. */
  | { kind: 'answer'; status: number; latencyMs: number; unexpected?: string }
  | { kind: 'error'; error: 'timeout' | 'dns' | 'tcp' | 'tls'; latencyMs: number };

/** A raw answer → its outcome. `slowMs`: an answer slower than this is `slow`. */
export function classify(answer: RawAnswer, slowMs: number): ProbeOutcome {
  if (answer.kind === 'error') return answer.error;
  const { status } = answer;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'http_5xx';
  if (status >= 400) return 'refused';
  if (status < 200 || status >= 300) return 'refused';
  // A 200 that is not the endpoint's answer is not health: a proxy's or CDN's error page while Clerk is down.
  if (answer.unexpected !== undefined) return 'unexpected_body';
  return answer.latencyMs > slowMs ? 'slow' : 'ok';
}

/** "503", "429", "timeout", "slow (2.3 s)", "DNS error": how an outcome reads in a message. */
export function describeOutcome(
  result: Pick<ProbeResult, 'outcome' | 'status' | 'latencyMs'> & { reason?: string },
): string {
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
    case 'unexpected_body':
      return `unexpected answer${result.reason ? ` (${result.reason})` : ''}`;
    case 'tls':
      return 'TLS error';
  }
}
