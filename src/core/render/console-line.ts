/**
 * Console mode's output: one line at start with what the page shows now, then one readable line per change
 * (time, subject, old → new). Outside text is text here too: control characters (terminal escapes) are removed.
 */

import { describeOutcome } from '../early-warning/probes.js';
import { type BotEvent, isMaintenanceEvent, type MaintenanceEvent } from '../events/bot-event.js';
import type { ComponentStatus, Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { PROBE_ENDPOINTS } from '../events/probes.js';
import { leadPhrase } from './early-warning.js';
import { headlineOf } from './headline.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL } from './labels.js';
import { ownCheckLine } from './own-checks.js';
import { firstLine } from './text.js';

function clock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/**
 * One console line: no control character (an escape sequence could rewrite the screen) and no line break of any kind
 * (vendor text with a newline could forge a line that looks like the bot's own).
 */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** What the page shows now, as the first line console mode prints: the same headline as Slack's, then details. */
export function renderConsoleSummary(snapshot: Snapshot, now: string): string {
  const open = snapshot.incidents.filter((i) => !isClosed(i));
  const hurt = snapshot.components.filter((c) => c.status !== 'operational');
  const { words } = headlineOf(snapshot);
  if (open.length === 0 && hurt.length === 0)
    return plain(
      `${clock(now)}  clerk      ${words} (${snapshot.components.length} components, no open incident)`,
    );
  const incidents = open.map((i) => `${i.name} (${INCIDENT_STATUS_LABEL[i.status]})`).join('; ');
  const components = hurt.map((c) => `${c.name}: ${COMPONENT_STATUS_LABEL[c.status]}`).join(', ');
  return plain(`${clock(now)}  clerk      ${words} — ${[incidents, components].filter(Boolean).join(' — ')}`);
}

export function renderConsoleLine(event: BotEvent): string {
  const folded =
    'changes' in event && event.kind.startsWith('incident.') && event.changes
      ? event.changes.map(
          (c) =>
            `${clock(event.at)}  component  ${c.name}: ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`,
        )
      : [];
  // Each line is cleaned on its own, so only the bot's own line breaks separate lines.
  return [lineFor(event), ...folded].map((line) => plain(line).trimEnd()).join('\n');
}

const changeLine = (c: { name: string; from: ComponentStatus; to: ComponentStatus }, when: string) =>
  `${when}  component  ${c.name}: ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`;

function lineFor(event: BotEvent): string {
  const when = clock(event.at);
  if (isMaintenanceEvent(event)) return maintenanceLine(event, when);
  switch (event.kind) {
    case 'component.changed':
      return changeLine(event, when);
    case 'components.changed':
    case 'components.confirmed':
      return event.changes.map((c) => changeLine(c, when)).join('\n');
    case 'components.listChanged':
      return [
        ...event.added.map(
          (c) => `${when}  component  ${c.name}: added (${COMPONENT_STATUS_LABEL[c.status]})`,
        ),
        ...event.removed.map(
          (c) => `${when}  component  ${c.name}: removed (was ${COMPONENT_STATUS_LABEL[c.status]})`,
        ),
      ].join('\n');
    case 'incident.caughtUp':
      return `${when}  incident   ${event.incident.name}: ${INCIDENT_STATUS_LABEL[event.incident.status]} (caught up in one channel)`;
    case 'incident.paged':
      return `${when}  incident   ${event.incident.name}: paged via ${event.via}`;
    case 'component.added':
      return `${when}  component  ${event.name}: added (${COMPONENT_STATUS_LABEL[event.status]})`;
    case 'component.removed':
      return `${when}  component  ${event.name}: removed (was ${COMPONENT_STATUS_LABEL[event.status]})`;
    case 'incident.opened': {
      const status = INCIDENT_STATUS_LABEL[event.update?.status ?? event.incident.status];
      const body = event.update ? ` — ${firstLine(event.update.body, 160)}` : '';
      return `${when}  incident   ${event.incident.name}: opened → ${status}${body}  ${event.incident.url}`;
    }
    case 'incident.updated': {
      const change = `${INCIDENT_STATUS_LABEL[event.previousStatus]} → ${INCIDENT_STATUS_LABEL[event.update.status]}`;
      const note = event.afterResolution ? ' (after resolution)' : '';
      return `${when}  incident   ${event.incident.name}: ${change}${note} — ${firstLine(event.update.body, 160)}`;
    }
    case 'incident.resolved': {
      const lasted = event.durationMs === undefined ? '' : ` after ${formatDuration(event.durationMs)}`;
      const body = event.update ? ` — ${firstLine(event.update.body, 160)}` : '';
      return `${when}  incident   ${event.incident.name}: → Resolved${lasted}${body}`;
    }
    case 'source.unreachable':
    case 'source.recovered':
      return pageNoticeLine(event, when);
    case 'warning.raised':
    case 'warning.updated':
    case 'warning.confirmed':
    case 'warning.cleared':
    case 'clerk.maintenance':
      return earlyWarningLine(event, when);
    case 'check.failing':
    case 'check.verdict':
    case 'check.recovered':
    case 'job.failed':
      return ownCheckLine(event, when);
  }
}

function maintenanceLine(event: MaintenanceEvent, when: string): string {
  switch (event.kind) {
    case 'maintenance.scheduled':
      return `${when}  maintenance  ${event.maintenance.name}: scheduled${event.maintenance.scheduledFor ? ` for ${clock(event.maintenance.scheduledFor)}` : ''}`;
    case 'maintenance.started':
      return `${when}  maintenance  ${event.maintenance.name}: Scheduled → In progress`;
    case 'maintenance.completed':
      return `${when}  maintenance  ${event.maintenance.name}: In progress → Completed`;
    case 'maintenance.rescheduled':
      return `${when}  maintenance  ${event.maintenance.name}: rescheduled${event.maintenance.scheduledFor ? ` to ${clock(event.maintenance.scheduledFor)}` : ''}`;
    case 'maintenance.cancelled':
      return `${when}  maintenance  ${event.maintenance.name}: Scheduled → Cancelled`;
    case 'maintenance.reminder':
      return `${when}  maintenance  ${event.maintenance.name}: starts ${event.maintenance.scheduledFor ? clock(event.maintenance.scheduledFor) : 'soon'} (reminder${event.late ? ', late' : ''})`;
  }
}

type PageNoticeEvent = Extract<
  BotEvent,
  {
    kind: 'source.unreachable' | 'source.recovered';
  }
>;

function pageNoticeLine(event: PageNoticeEvent, when: string): string {
  switch (event.kind) {
    case 'source.unreachable':
      return `${when}  status page  unreachable after ${event.failures} failed polls since ${clock(event.since)}: ${event.reason}`;
    case 'source.recovered':
      return `${when}  status page  reachable again after ${formatDuration(event.downForMs)}`;
  }
}

type EarlyWarningEvent = Extract<
  BotEvent,
  {
    kind:
      | 'warning.raised'
      | 'warning.updated'
      | 'warning.confirmed'
      | 'warning.cleared'
      | 'clerk.maintenance';
  }
>;

function earlyWarningLine(event: EarlyWarningEvent, when: string): string {
  switch (event.kind) {
    case 'warning.raised':
    case 'warning.updated': {
      const failing = event.warning.failing
        .flatMap((f) => f.results.map((r) => `${PROBE_ENDPOINTS[r.endpoint].label} ${describeOutcome(r)}`))
        .join(', ');
      const what = event.kind === 'warning.raised' ? 'Clerk failing from here' : 'now failing from here';
      return `${when}  early warning  UNCONFIRMED: ${what} (${failing}); the status page says nothing yet`;
    }
    case 'warning.confirmed':
      return `${when}  early warning  confirmed: Clerk opened ${event.incident.name}; ${leadPhrase(event.leadMs)}  ${event.incident.url}`;
    case 'warning.cleared':
      return `${when}  early warning  cleared: Clerk healthy again after ${formatDuration(event.durationMs)}; Clerk posted nothing`;
    case 'clerk.maintenance':
      return event.phase === 'started'
        ? `${when}  clerk maintenance  Maintenance Mode on: sign-ins, sign-ups and writes fail`
        : `${when}  clerk maintenance  Maintenance Mode off after ${formatDuration(event.durationMs ?? 0)}`;
  }
}
