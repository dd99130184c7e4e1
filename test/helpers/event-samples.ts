/** A sample of every event kind, with what comes before it, typed by kind: a new kind without a sample does not compile. */
import type { BotEvent, ComponentRef, IncidentSummary } from '../../src/core/events/bot-event.js';
import type { CheckFacts, Verdict } from '../../src/core/events/checks.js';
import type { Maintenance } from '../../src/core/events/page.js';
import type { WarningFacts } from '../../src/core/events/warning.js';

export const at = '2026-02-10T10:00:00.000Z';
const incident: IncidentSummary = {
  id: 'inc1',
  name: 'Sign-in failures',
  status: 'investigating',
  impact: 'major',
  url: 'https://status.clerk.com/incidents/inc1',
  createdAt: at,
};
const affected: ComponentRef[] = [{ id: 'c1', name: 'Frontend API', status: 'major_outage' }];
const update = { id: 'u1', status: 'identified' as const, body: 'We found the cause.', at };
const maintenance: Maintenance = {
  id: 'm1',
  name: 'Database upgrade',
  status: 'scheduled',
  url: 'https://status.clerk.com/incidents/m1',
  componentIds: [],
};
const warning: WarningFacts = {
  id: 'w1',
  since: at,
  raisedAt: at,
  failing: [
    {
      family: 'frontend',
      since: at,
      rounds: 4,
      results: [{ endpoint: 'frontend.health', outcome: 'http_5xx', status: 503, latencyMs: 40 }],
    },
  ],
};
const official = { id: 'inc1', name: 'Sign-in failures', url: incident.url, postedAt: at };
const raised: BotEvent = { kind: 'warning.raised', id: 'w1:raised', at, warning };
const opened: BotEvent = { kind: 'incident.opened', id: 'inc1:opened', at, incident, affected };

const CHECK: CheckFacts = {
  name: 'auth-health',
  since: at,
  failures: 2,
  last: { at, ok: false, status: 401, latencyMs: 120, error: 'status 401' },
  verdict: { kind: 'likely_yours', checked: ["Clerk's status page: no open incident"] },
};
const CLERK: Verdict = { kind: 'likely_clerk', incidents: ['Sign-in failures'], warning: false };

export type Samples = {
  [K in BotEvent['kind']]: { before: BotEvent[]; event: Extract<BotEvent, { kind: K }> };
};

export const SAMPLES: Samples = {
  'component.changed': {
    before: [],
    event: {
      kind: 'component.changed',
      id: 'cc',
      at,
      componentId: 'c1',
      name: 'Frontend API',
      from: 'operational',
      to: 'degraded_performance',
      incidentIds: [],
    },
  },
  'components.changed': {
    before: [],
    event: {
      kind: 'components.changed',
      id: 'ccs',
      at,
      changes: [{ componentId: 'c1', name: 'Frontend API', from: 'operational', to: 'major_outage' }],
      incidentIds: [],
    },
  },
  'components.listChanged': {
    before: [],
    event: { kind: 'components.listChanged', id: 'lc', at, added: affected, removed: [], pageSize: 5 },
  },
  'incident.caughtUp': {
    before: [],
    event: {
      kind: 'incident.caughtUp',
      id: 'cu',
      at,
      target: { teamId: 'T', channelId: 'C' },
      incident,
      affected,
    },
  },
  'component.added': {
    before: [],
    event: { kind: 'component.added', id: 'ca', at, componentId: 'c9', name: 'SAML', status: 'operational' },
  },
  'component.removed': {
    before: [],
    event: {
      kind: 'component.removed',
      id: 'cr',
      at,
      componentId: 'c9',
      name: 'SAML',
      status: 'operational',
    },
  },
  'incident.paged': {
    before: [opened],
    event: { kind: 'incident.paged', id: 'inc1:paged', at, incident, affected, via: 'PagerDuty' },
  },
  'incident.opened': { before: [], event: opened as Extract<BotEvent, { kind: 'incident.opened' }> },
  'incident.updated': {
    before: [opened],
    event: {
      kind: 'incident.updated',
      id: 'iu',
      at,
      incident: { ...incident, status: 'identified' },
      update,
      previousStatus: 'investigating',
      afterResolution: false,
      affected,
    },
  },
  'incident.resolved': {
    before: [opened],
    event: {
      kind: 'incident.resolved',
      id: 'ir',
      at,
      incident: { ...incident, status: 'resolved' },
      durationMs: 60_000,
      affected,
    },
  },
  'maintenance.scheduled': {
    before: [],
    event: { kind: 'maintenance.scheduled', id: 'ms', at, maintenance },
  },
  'maintenance.rescheduled': {
    before: [],
    event: {
      kind: 'maintenance.rescheduled',
      id: 'mr',
      at,
      maintenance: { ...maintenance, scheduledFor: '2026-02-11T02:00:00.000Z' },
      previous: { scheduledFor: '2026-02-10T02:00:00.000Z' },
    },
  },
  'maintenance.started': { before: [], event: { kind: 'maintenance.started', id: 'mst', at, maintenance } },
  // Nothing is said of an end to a channel that never heard of the maintenance: the sample follows its parent.
  'maintenance.completed': {
    before: [{ kind: 'maintenance.scheduled', id: 'ms', at, maintenance }],
    event: { kind: 'maintenance.completed', id: 'mc', at, maintenance },
  },
  'maintenance.cancelled': {
    before: [{ kind: 'maintenance.scheduled', id: 'ms', at, maintenance }],
    event: { kind: 'maintenance.cancelled', id: 'mx', at, maintenance },
  },
  'maintenance.reminder': {
    before: [],
    event: {
      kind: 'maintenance.reminder',
      id: 'mrm',
      at,
      maintenance: { ...maintenance, scheduledFor: '2026-02-10T10:30:00.000Z' },
      leadMs: 3_600_000,
      dueAt: '2026-02-10T09:30:00.000Z',
      late: true,
    },
  },
  'source.unreachable': {
    before: [],
    event: { kind: 'source.unreachable', id: 'su', at, since: at, failures: 3, reason: 'timeout' },
  },
  'source.recovered': {
    before: [],
    event: { kind: 'source.recovered', id: 'sr', at, since: at, downForMs: 90_000 },
  },
  'warning.raised': { before: [], event: raised as Extract<BotEvent, { kind: 'warning.raised' }> },
  'warning.updated': { before: [raised], event: { kind: 'warning.updated', id: 'wu', at, warning } },
  'warning.confirmed': {
    before: [raised],
    event: {
      kind: 'warning.confirmed',
      id: 'wc',
      at,
      warning,
      incident: official,
      leadMs: 420_000,
      wasCleared: false,
    },
  },
  'warning.cleared': {
    before: [raised],
    event: { kind: 'warning.cleared', id: 'wcl', at, warning, durationMs: 120_000 },
  },
  'clerk.maintenance': {
    before: [],
    event: { kind: 'clerk.maintenance', id: 'cm', at, phase: 'started', since: at },
  },
  'check.failing': { before: [], event: { kind: 'check.failing', id: 'cf', at, check: CHECK } },
  'check.verdict': {
    before: [{ kind: 'check.failing', id: 'cf', at, check: CHECK }],
    event: { kind: 'check.verdict', id: 'cv', at, check: { ...CHECK, verdict: CLERK } },
  },
  'check.recovered': {
    before: [{ kind: 'check.failing', id: 'cf', at, check: CHECK }],
    event: { kind: 'check.recovered', id: 'cr', at, check: CHECK, durationMs: 120_000 },
  },
  'components.confirmed': {
    before: [],
    event: {
      kind: 'components.confirmed',
      id: 'cc',
      at,
      target: { teamId: 'T', channelId: 'C' },
      changes: [{ componentId: 'c1', name: 'Webhooks', from: 'operational', to: 'degraded_performance' }],
      heldMs: 120_000,
    },
  },
  'job.failed': {
    before: [],
    event: {
      kind: 'job.failed',
      id: 'jf',
      at,
      job: {
        name: 'nightly-export',
        slot: at,
        attempts: 4,
        last: { at, ok: false, status: 502, latencyMs: 80, error: 'status 502' },
      },
    },
  },
};
