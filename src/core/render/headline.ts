/**
 * The one headline every surface leads with (the status reply, App Home, the console's first line): an emoji and
 * words from the page, the open incidents and the early warning. An open incident never shows a success emoji: it
 * counts as at least degraded, or the impact Clerk gave if higher, even before Clerk names a component. An early
 * warning on a silent page leads, labelled unconfirmed. Pure; table-tested over every recorded timeline step.
 */
import type { SignalState } from '../early-warning/signal.js';
import type { Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import { impactSeverity, type Severity, severityRank, worstSeverity } from '../events/severity.js';
import { SEVERITY_EMOJI } from './emoji.js';
import { SEVERITY_LABEL } from './labels.js';

export interface Headline {
  emoji: string;
  /** Plain words (the page's own names never appear here). */
  words: string;
  severity: Severity;
  /** The early warning leads: the page is silent, the probes are not. */
  unconfirmed: boolean;
}

const max = (a: Severity, b: Severity): Severity => (severityRank(b) > severityRank(a) ? b : a);

/** How serious the page is now: its worst component, and every open incident at least degraded or its impact. */
export function pageSeverity(snapshot: Snapshot): Severity {
  let worst = worstSeverity(snapshot.components.map((c) => c.status));
  for (const incident of snapshot.incidents.filter((i) => !isClosed(i)))
    worst = max(worst, max('degraded', impactSeverity(incident.impact)));
  return worst;
}

export function headlineOf(snapshot: Snapshot, probes?: SignalState): Headline {
  const open = snapshot.incidents.filter((i) => !isClosed(i)).length;
  const affected = snapshot.components.filter((c) => c.status !== 'operational').length;
  const severity = pageSeverity(snapshot);
  const warning = probes?.phase === 'warning' && open === 0;
  if (warning)
    return {
      emoji: ':rotating_light:',
      words: "Unconfirmed: Clerk is failing from here, and Clerk's status page says nothing yet",
      severity: max(severity, 'partial'),
      unconfirmed: true,
    };
  if (open === 0 && affected === 0)
    return {
      emoji: SEVERITY_EMOJI.operational,
      words: 'All Clerk systems are operational.',
      severity,
      unconfirmed: false,
    };
  const incidents = open > 0 ? `${open} open incident${open > 1 ? 's' : ''}` : '';
  const components = affected > 0 ? `${affected} of ${snapshot.components.length} components affected` : '';
  const words =
    affected > 0
      ? `Clerk: ${SEVERITY_LABEL[severity]} (${[components, incidents].filter(Boolean).join(', ')})`
      : `Clerk: ${incidents} (${SEVERITY_LABEL[severity].toLowerCase()}; no component named yet)`;
  return { emoji: SEVERITY_EMOJI[severity], words, severity, unconfirmed: false };
}
