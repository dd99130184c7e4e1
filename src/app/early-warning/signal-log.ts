/** The log lines of the early warning: one per change of what the probes conclude, never one per round. */

import type { SignalState } from '../../core/early-warning/signal.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { Log } from '../ports/observability.js';

export function logSignalChange(log: Log, before: SignalState, after: SignalState, events: BotEvent[]): void {
  if (!before.network && after.network)
    log.warn(
      { since: after.network.since },
      'nothing answers (Clerk, the status page and Slack all fail): this bot’s own network is the problem; no Clerk warning raised',
    );
  if (before.network && !after.network) log.info({}, 'the network answers again');
  if (before.phase === 'healthy' && after.phase === 'suspect')
    log.info({ failing: Object.keys(after.failing) }, 'a Clerk probe failed; watching (no warning yet)');
  if (before.phase === 'suspect' && after.phase === 'healthy')
    log.info({}, 'Clerk probes healthy again; no warning');
  for (const event of events) {
    if (event.kind === 'warning.raised')
      log.warn(
        { warning: event.warning.id, failing: event.warning.failing.map((f) => f.family) },
        'early warning (unconfirmed): Clerk keeps failing from here',
      );
    if (event.kind === 'warning.updated')
      log.warn(
        { warning: event.warning.id, failing: event.warning.failing.map((f) => f.family) },
        'early warning (unconfirmed): what fails changed',
      );
    if (event.kind === 'warning.confirmed')
      log.info(
        { warning: event.warning.id, incident: event.incident.id, leadMs: event.leadMs },
        'early warning confirmed by an official incident',
      );
    if (event.kind === 'warning.cleared')
      log.info({ warning: event.warning.id, durationMs: event.durationMs }, 'early warning cleared');
    if (event.kind === 'clerk.maintenance')
      log.info({ phase: event.phase }, `Clerk Maintenance Mode ${event.phase}`);
  }
}
