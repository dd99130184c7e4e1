/**
 * Whether the status page itself is reachable. A failed poll never produces component or incident
 * events; only after `threshold` consecutive failures does it produce one `source.unreachable`, and
 * the first success after that one `source.recovered`.
 */
import type { BotEvent } from '../events/bot-event.js';

export interface SourceHealth {
  consecutiveFailures: number;
  /** When the current run of failures began. */
  failingSince?: string;
  /** True once `source.unreachable` was emitted for the current run of failures. */
  announced: boolean;
  lastError?: string;
}

export const HEALTHY: SourceHealth = { consecutiveFailures: 0, announced: false };

export interface HealthStep {
  health: SourceHealth;
  events: BotEvent[];
}

export function recordFailure(
  health: SourceHealth,
  at: string,
  reason: string,
  threshold: number,
): HealthStep {
  const failures = health.consecutiveFailures + 1;
  const since = health.failingSince ?? at;
  const next: SourceHealth = {
    consecutiveFailures: failures,
    failingSince: since,
    announced: health.announced,
    lastError: reason,
  };
  if (health.announced || failures < threshold) return { health: next, events: [] };
  return {
    health: { ...next, announced: true },
    events: [{ kind: 'source.unreachable', id: `source:unreachable@${since}`, at, since, failures, reason }],
  };
}

export function recordSuccess(health: SourceHealth, at: string): HealthStep {
  if (!health.announced || !health.failingSince) return { health: HEALTHY, events: [] };
  const since = health.failingSince;
  return {
    health: HEALTHY,
    events: [
      {
        kind: 'source.recovered',
        id: `source:recovered@${since}`,
        at,
        since,
        downForMs: Math.max(0, Date.parse(at) - Date.parse(since)),
      },
    ],
  };
}
