/**
 * The one rule for who gets notified: a channel's configured mention fires once per incident, when its
 * severity reaches a major outage; a reply is broadcast to the channel when severity rises to a partial or
 * major outage. Every planner asks here; none decides on its own.
 */
import { type Severity, severityRank } from '../events/severity.js';
import type { MentionPolicy } from '../subscriptions/subscription.js';
import type { IncidentThread } from './types.js';

function mentionToken(policy: MentionPolicy): string | undefined {
  switch (policy.kind) {
    case 'here':
      return '<!here>';
    case 'channel':
      return '<!channel>';
    case 'usergroup':
      return `<!subteam^${policy.id}>`;
    default:
      return undefined;
  }
}

/** The mention to put in a message at this severity, unless the thread already mentioned people. */
export function mentionFor(
  policy: MentionPolicy,
  severity: Severity,
  thread: Pick<IncidentThread, 'mentioned'> | undefined,
): string | undefined {
  return severity === 'major' && !thread?.mentioned ? mentionToken(policy) : undefined;
}

/** A rise to a partial or major outage is news for the whole channel, not only the thread. */
export function isEscalation(severity: Severity, thread: Pick<IncidentThread, 'severity'>): boolean {
  return (
    severityRank(severity) > severityRank(thread.severity) &&
    severityRank(severity) >= severityRank('partial')
  );
}

export function higherSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}
