/**
 * A planned message → what Slack takes. One case per message family: a family without a renderer is a compile
 * error (the `never` below), never a message silently posted as nothing.
 */
import type { MessageSpec } from '../plan/messages.js';
import { renderComponentChanges } from './component-changes.js';
import {
  renderClearedReply,
  renderClerkMaintenance,
  renderConfirmedReply,
  renderWarning,
} from './early-warning.js';
import { renderIncidentParent } from './incident-parent.js';
import { renderMaintenanceNews, renderMaintenanceParent } from './maintenance.js';
import { renderNotice } from './notices.js';
import { renderCheckAlert, renderCheckRecovered, renderJobFailed, renderVerdictReply } from './own-checks.js';
import { renderResolutionReply } from './resolution-reply.js';
import type { RenderedMessage } from './types.js';
import { renderUpdateReply } from './update-reply.js';

export function renderMessage(spec: MessageSpec): RenderedMessage {
  switch (spec.family) {
    case 'incident.parent':
      return renderIncidentParent(spec.facts);
    case 'incident.update':
      return renderUpdateReply(spec.facts);
    case 'incident.resolution':
      return renderResolutionReply(spec.incident, spec.update, spec.durationMs, spec.changes);
    case 'components':
      return renderComponentChanges(
        spec.changes,
        spec.at,
        spec.statusPageUrl,
        spec.inThread,
        spec.confirmedAfterMs,
      );
    case 'notice':
      return renderNotice(spec.event, spec.statusPageUrl);
    case 'warning':
      return renderWarning(spec.warning, spec.view, spec.statusPageUrl, spec.votes);
    case 'warning.confirmed':
      return renderConfirmedReply(spec.incident, spec.leadMs, spec.parentLink);
    case 'warning.cleared':
      return renderClearedReply(spec.durationMs);
    case 'maintenance':
      return renderMaintenanceParent(spec.maintenance, spec.phase, spec.reminderMs, spec.reminder);
    case 'maintenance.update':
      return renderMaintenanceNews(spec.maintenance, spec.news);
    case 'clerk.maintenance':
      return renderClerkMaintenance(spec.phase, spec.durationMs);
    case 'check':
      return renderCheckAlert(spec.check, spec.recoveredAfterMs);
    case 'check.verdict':
      return renderVerdictReply(spec.check);
    case 'check.recovered':
      return renderCheckRecovered(spec.check, spec.durationMs);
    case 'job.failed':
      return renderJobFailed(spec.job);
    default:
      return spec satisfies never;
  }
}
