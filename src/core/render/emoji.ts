import type { ComponentStatus, IncidentStatus } from '../events/page.js';
import type { Severity } from '../events/severity.js';

export const STATUS_EMOJI: Record<ComponentStatus, string> = {
  operational: ':large_green_circle:',
  under_maintenance: ':large_blue_circle:',
  degraded_performance: ':large_yellow_circle:',
  partial_outage: ':large_orange_circle:',
  major_outage: ':red_circle:',
  unknown: ':white_circle:',
};

export const SEVERITY_EMOJI: Record<Severity, string> = {
  operational: ':white_check_mark:',
  maintenance: ':wrench:',
  degraded: ':warning:',
  partial: ':warning:',
  major: ':rotating_light:',
};

export const INCIDENT_EMOJI: Record<IncidentStatus, string> = {
  investigating: ':mag:',
  identified: ':pushpin:',
  monitoring: ':eyes:',
  resolved: ':white_check_mark:',
  postmortem: ':memo:',
  unknown: ':grey_question:',
};
