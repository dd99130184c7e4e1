/**
 * "Is it Clerk or is it us?" from the three signals the bot has: Clerk's status page, the early-warning probes of the
 * team's own Clerk instance, and the failing check itself. Pure; table-tested.
 */
import type { Verdict } from '../events/checks.js';

export interface VerdictSignals {
  /** Names of Clerk's open incidents (the page as last read), or undefined when the page was never read. */
  openIncidents: string[] | undefined;
  /** Components Clerk's page shows as not operational, by name. */
  degraded: string[];
  /** The probes' view: undefined when they do not run; `warning` when the early warning is out. */
  probes: 'healthy' | 'suspect' | 'warning' | undefined;
}

const MAX_NAMED = 3;

export function verdictOf(signals: VerdictSignals): Verdict {
  const incidents = (signals.openIncidents ?? []).slice(0, MAX_NAMED);
  const warning = signals.probes === 'warning';
  if (incidents.length > 0 || warning) return { kind: 'likely_clerk', incidents, warning };
  const checked: string[] = [];
  if (signals.openIncidents === undefined) checked.push("Clerk's status page has not been read yet");
  else if (signals.degraded.length === 0)
    checked.push("Clerk's status page: no open incident, every component operational");
  else
    checked.push(
      `Clerk's status page: no open incident (not operational: ${signals.degraded.slice(0, MAX_NAMED).join(', ')})`,
    );
  if (signals.probes === undefined)
    checked.push('early-warning probes: not configured (set CLERK_PUBLISHABLE_KEY)');
  else if (signals.probes === 'suspect')
    checked.push('early-warning probes: some failures, not enough to warn');
  else checked.push('early-warning probes: your Clerk instance answers');
  return { kind: 'likely_yours', checked };
}

/** Two verdicts say the same thing (a change is worth a line in the thread). */
export function sameVerdict(a: Verdict, b: Verdict): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'likely_clerk' && b.kind === 'likely_clerk')
    return a.warning === b.warning && a.incidents.join('\n') === b.incidents.join('\n');
  return true;
}
