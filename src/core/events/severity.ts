/** How bad a status is, shared by filters, planning and rendering. */
import type { ComponentStatus, Impact } from './page.js';

/** Ordered from calm to worst; filters compare by index. */
export const SEVERITIES = ['operational', 'maintenance', 'degraded', 'partial', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

const STATUS_SEVERITY: Record<ComponentStatus, Severity> = {
  operational: 'operational',
  under_maintenance: 'maintenance',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
  // A status we cannot read is not "fine": treat it like a degradation so it is never hidden.
  unknown: 'degraded',
};

export function severityOf(status: ComponentStatus): Severity {
  return STATUS_SEVERITY[status];
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function worstSeverity(statuses: Iterable<ComponentStatus>): Severity {
  let worst: Severity = 'operational';
  for (const status of statuses) {
    const severity = severityOf(status);
    if (severityRank(severity) > severityRank(worst)) worst = severity;
  }
  return worst;
}

/** Incident impact as a severity, for incidents whose components we cannot see. */
export function impactSeverity(impact: Impact): Severity {
  switch (impact) {
    case 'critical':
      return 'major';
    case 'major':
      return 'partial';
    case 'minor':
      return 'degraded';
    case 'maintenance':
      return 'maintenance';
    default:
      return 'operational';
  }
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
