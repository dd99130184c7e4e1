/**
 * What the probes see now, in one line for `/clerk-status` and the App Home: "From here: Frontend API healthy,
 * 42 ms; Backend API healthy, 80 ms". Undefined when the probes do not run (or have not run yet).
 */
import { describeOutcome, isFailure } from '../early-warning/probes.js';
import type { SignalState } from '../early-warning/signal.js';
import { FAMILY_LABEL, PROBE_ENDPOINTS, type ProbeFamily } from '../events/probes.js';
import { formatDuration } from './labels.js';

function familyLine(state: SignalState, family: ProbeFamily, now: number): string | undefined {
  const results = (state.lastRound?.results ?? []).filter(
    (r) => PROBE_ENDPOINTS[r.endpoint].family === family,
  );
  if (results.length === 0) return undefined;
  const failed = results.filter((r) => isFailure(r.outcome));
  if (failed.length === 0) {
    const slowest = Math.max(...results.map((r) => r.latencyMs));
    const refused = results.find((r) => r.outcome === 'refused');
    return refused
      ? `${FAMILY_LABEL[family]} refuses the probe (${refused.status}: check the key)`
      : `${FAMILY_LABEL[family]} healthy, ${Math.round(slowest)} ms`;
  }
  const since = state.failing[family]?.since;
  const lasting = since ? ` for ${formatDuration(now - Date.parse(since))}` : '';
  const how = failed.map(
    (r) => `${PROBE_ENDPOINTS[r.endpoint].label.replace(/^\S+ API /, '')} ${describeOutcome(r)}`,
  );
  return `${FAMILY_LABEL[family]} failing (${how.join(', ')})${lasting}`;
}

const PHASE_NOTE: Record<SignalState['phase'], string> = {
  healthy: '',
  suspect: ' · watching (no warning yet)',
  warning: ' · early warning out (unconfirmed)',
  confirmed: ' · confirmed by Clerk',
};

export function describeProbes(state: SignalState | undefined, now: number): string | undefined {
  if (!state?.lastRound) return undefined;
  if (state.network)
    return `From here: nothing answers, not Clerk, its status page or Slack, since ${formatDuration(now - Date.parse(state.network.since))}: this bot's own network is the problem`;
  const lines = (['frontend', 'backend'] as const)
    .map((family) => familyLine(state, family, now))
    .filter((line): line is string => line !== undefined);
  const maintenance = state.maintenance ? ' · Clerk Maintenance Mode is on' : '';
  return `From here: ${lines.join('; ')}${PHASE_NOTE[state.phase]}${maintenance}`;
}
