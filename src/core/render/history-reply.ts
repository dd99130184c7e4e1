/**
 * `/clerk-status history [days]`: Clerk's incidents of the period, newest first, with how long each lasted and what
 * it touched, then each component's share of time operational, over the time the bot was watching (where it was
 * not, it says so instead of counting that time as up). Names come from the status page: escaped.
 */
import type { ChangeRecord, IncidentRecord, Watched } from '../events/history.js';
import { componentShares, durationOf, watchedWithin } from '../events/history.js';
import type { Component } from '../events/page.js';
import { context, message, section } from './blocks.js';
import { formatDuration } from './labels.js';
import { dateToken, escapeText, link } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

const SHOWN = 15;
const DAY_MS = 24 * 3600_000;

export interface HistoryInput {
  days: number;
  nowMs: number;
  incidents: IncidentRecord[];
  changes: ChangeRecord[];
  watched: Watched[];
  components: Component[];
}

function incidentLine(r: IncidentRecord): string {
  const lasted = durationOf(r);
  const how = lasted === undefined ? '*still open*' : `lasted ${formatDuration(lasted)}`;
  const what = r.components.length > 0 ? ` · ${r.components.map((c) => escapeText(c.name)).join(', ')}` : '';
  const imported = r.imported ? ' _(from the page\u2019s history, before this bot watched)_' : '';
  return `• ${dateToken(r.openedAt, '{date_short}')} ${link(r.url, r.name)}: ${how}${what}${imported}`;
}

function percent(share: number): string {
  const p = share * 100;
  return p === 100 ? '100%' : `${p >= 99.9 ? p.toFixed(2) : p.toFixed(1)}%`;
}

export function renderHistoryReply(input: HistoryInput): RenderedMessage {
  const from = input.nowMs - input.days * DAY_MS;
  const watchedMs = watchedWithin(input.watched, from, input.nowMs);
  const unwatched = input.days * DAY_MS - watchedMs;
  const list = input.incidents.slice(0, SHOWN).map(incidentLine);
  const more = input.incidents.length > SHOWN ? `\n…and ${input.incidents.length - SHOWN} more` : '';
  const head = `:bar_chart: *Clerk, the last ${input.days} day${input.days === 1 ? '' : 's'}*: ${input.incidents.length} incident${input.incidents.length === 1 ? '' : 's'}`;
  const shares = componentShares(input.components, input.changes, input.watched, from, input.nowMs)
    .map((s) => `${escapeText(s.name)}: ${s.operational === null ? 'no record' : percent(s.operational)}`)
    .slice(0, 40);
  const coverage =
    watchedMs === 0
      ? 'I have no record of this period (the bot was not watching): nothing is counted as up.'
      : unwatched > 60_000
        ? `I watched ${formatDuration(watchedMs)} of it; the ${formatDuration(unwatched)} I did not watch is left out, not counted as up.`
        : 'I watched the whole period.';
  return message(`Clerk: ${input.incidents.length} incidents in the last ${input.days} days`, [
    section(`${head}${list.length > 0 ? `\n${list.join('\n')}${more}` : '\nNo incident.'}`),
    section(`*Share of time operational*\n${shares.join(' · ') || 'No components listed.'}`),
    context(coverage),
  ]);
}
