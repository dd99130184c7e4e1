/**
 * A warning confirmed: Clerk opened an incident while the warning was on, or shortly after it cleared. The lead
 * is from our warning to Clerk's first published word about it ("the bot warned 9 min before the status page").
 * Pure: the incidents come from the latest snapshot.
 */

import type { BotEvent } from '../events/bot-event.js';
import { compareText } from '../events/order.js';
import type { OfficialIncident, WarningView } from '../events/warning.js';
import { facts, type SignalState, type WarningRecord } from './signal.js';
import type { ProbeThresholds } from './thresholds.js';

const ms = (iso: string) => Date.parse(iso);

export function confirmWarning(
  state: SignalState,
  incidents: OfficialIncident[],
  now: string,
  t: ProbeThresholds,
): { state: SignalState; events: BotEvent[] } {
  const warning = state.warning;
  if (!warning || warning.status === 'confirmed') return { state, events: [] };
  const recent = warning.status === 'active' || ms(now) - ms(warning.endedAt ?? now) <= t.confirmWindowMs;
  if (!recent) return { state, events: [] };
  const earliest = ms(warning.since) - t.confirmGraceMs;
  const latest = warning.endedAt ? ms(warning.endedAt) + t.confirmWindowMs : Number.POSITIVE_INFINITY;
  const incident = incidents
    .filter((i) => ms(i.postedAt) >= earliest && ms(i.postedAt) <= latest)
    .sort((a, b) => compareText(a.postedAt, b.postedAt))[0];
  if (!incident) return { state, events: [] };
  const leadMs = ms(incident.postedAt) - ms(warning.raisedAt);
  const event: BotEvent = {
    kind: 'warning.confirmed',
    id: `${warning.id}:confirmed`,
    at: now,
    warning: facts(warning),
    incident,
    leadMs,
    wasCleared: warning.status === 'cleared',
  };
  const phase = state.phase === 'warning' ? 'confirmed' : state.phase;
  return {
    state: { ...state, phase, warning: { ...warning, status: 'confirmed', confirmedBy: incident, leadMs } },
    events: [event],
  };
}

/** How a warning's message should look now: what a late vote redraws, the same as the planner's last edit. */
export function warningView(record: WarningRecord): WarningView {
  if (record.status === 'confirmed' && record.confirmedBy)
    return { state: 'confirmed', incident: record.confirmedBy, leadMs: record.leadMs ?? 0 };
  if (record.status === 'cleared')
    return { state: 'cleared', durationMs: ms(record.endedAt ?? record.since) - ms(record.since) };
  return { state: 'active' };
}
