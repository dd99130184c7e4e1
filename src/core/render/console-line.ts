/** One readable line per event for console mode: time, subject, old → new. */

import type { BotEvent } from '../detect/events.js';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL } from './labels.js';
import { firstLine } from './text.js';

function clock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

export function renderConsoleLine(event: BotEvent): string {
  const when = clock(event.at);
  switch (event.kind) {
    case 'component.changed':
      return `${when}  component  ${event.name}: ${COMPONENT_STATUS_LABEL[event.from]} → ${COMPONENT_STATUS_LABEL[event.to]}`;
    case 'components.changed':
      return event.changes
        .map(
          (c) =>
            `${when}  component  ${c.name}: ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`,
        )
        .join('\n');
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
    case 'maintenance.scheduled':
      return `${when}  maintenance  ${event.maintenance.name}: scheduled${event.maintenance.scheduledFor ? ` for ${clock(event.maintenance.scheduledFor)}` : ''}`;
    case 'maintenance.started':
      return `${when}  maintenance  ${event.maintenance.name}: Scheduled → In progress`;
    case 'maintenance.completed':
      return `${when}  maintenance  ${event.maintenance.name}: In progress → Completed`;
    case 'source.unreachable':
      return `${when}  status page  unreachable after ${event.failures} failed polls since ${clock(event.since)}: ${event.reason}`;
    case 'source.recovered':
      return `${when}  status page  reachable again after ${formatDuration(event.downForMs)}`;
  }
}
