/**
 * Status words from either page shape → the model's enums. An unknown word becomes `unknown`, never
 * `operational`: a page we cannot read must not look healthy.
 */
import type { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus } from '../events/page.js';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '../events/page.js';

export function normalizeComponentStatus(raw: string): ComponentStatus {
  const value = raw.trim().toLowerCase();
  if (value === 'full_outage') return 'major_outage';
  return (COMPONENT_STATUSES as readonly string[]).includes(value) ? (value as ComponentStatus) : 'unknown';
}

export function normalizeIncidentStatus(raw: string): IncidentStatus {
  const value = raw.trim().toLowerCase();
  if (value === 'fixing') return 'identified';
  return (INCIDENT_STATUSES as readonly string[]).includes(value) ? (value as IncidentStatus) : 'unknown';
}

export function normalizeMaintenanceStatus(raw: string): MaintenanceStatus {
  const value = raw.trim().toLowerCase();
  if (value === 'maintenance_scheduled') return 'scheduled';
  if (value === 'maintenance_in_progress') return 'in_progress';
  if (value === 'maintenance_complete' || value === 'complete') return 'completed';
  return (MAINTENANCE_STATUSES as readonly string[]).includes(value)
    ? (value as MaintenanceStatus)
    : 'unknown';
}

export function normalizeImpact(raw: string | null | undefined): Impact {
  const value = (raw ?? 'none').trim().toLowerCase();
  return ['none', 'minor', 'major', 'critical', 'maintenance'].includes(value)
    ? (value as Impact)
    : 'unknown';
}
