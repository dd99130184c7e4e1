/**
 * Scheduled maintenance in Slack: the parent (the window in each reader's own timezone, where it stands, Clerk's
 * latest words) and the replies in its thread (reminder, reschedule, start, completion, cancellation). Names and
 * bodies come from the status page: escaped, links only to the page's own hosts.
 */
import type { Maintenance } from '../events/page.js';
import type { MaintenanceNews, MaintenancePhase, ReminderFacts } from '../plan/messages.js';
import { context, message, section } from './blocks.js';
import { formatDuration } from './labels.js';
import { allowedHosts, dateToken, escapeText, link, quote } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

const PHASE: Record<MaintenancePhase, { emoji: string; words: string }> = {
  scheduled: { emoji: ':calendar:', words: 'Maintenance scheduled' },
  in_progress: { emoji: ':wrench:', words: 'Maintenance in progress' },
  completed: { emoji: ':white_check_mark:', words: 'Maintenance completed' },
  cancelled: { emoji: ':heavy_minus_sign:', words: 'Maintenance cancelled' },
};

/** "Tue, Dec 8 at 02:00 – 04:00" in the reader's timezone, or what is known of it. */
export function windowText(m: Pick<Maintenance, 'scheduledFor' | 'scheduledUntil'>): string {
  if (!m.scheduledFor) return 'no window given';
  const until = m.scheduledUntil ? ` – ${dateToken(m.scheduledUntil, '{time}')}` : '';
  const hours =
    m.scheduledUntil && m.scheduledFor
      ? ` (${formatDuration(Date.parse(m.scheduledUntil) - Date.parse(m.scheduledFor))})`
      : '';
  return `${dateToken(m.scheduledFor)}${until}${hours}`;
}

/** "in 42 min" from when the message is sent to the start. */
function startsIn(m: Maintenance, at: string): string {
  if (!m.scheduledFor) return '';
  const ms = Date.parse(m.scheduledFor) - Date.parse(at);
  return ms > 0 ? ` in ${formatDuration(ms)}` : '';
}

function reminderLine(m: Maintenance, reminder: ReminderFacts): string {
  const late = reminder.late
    ? ` _This reminder is late: it was due ${dateToken(reminder.dueAt, '{time}')} (${formatDuration(reminder.leadMs)} before the start)._`
    : '';
  return `:alarm_clock: *Starts${startsIn(m, reminder.at)}*: ${windowText(m)}.${late}`;
}

export function renderMaintenanceParent(
  m: Maintenance,
  phase: MaintenancePhase,
  reminderMs: number,
  reminder?: ReminderFacts,
): RenderedMessage {
  const { emoji, words } = PHASE[phase];
  const components = m.componentIds.length === 0 ? '' : ` · ${m.componentIds.length} component(s)`;
  const blocks = [
    section(`${emoji} *${words}*: ${link(m.url, m.name)}\n*Window:* ${windowText(m)}`),
    ...(reminder ? [section(reminderLine(m, reminder))] : []),
    ...(m.latestBody && phase !== 'cancelled'
      ? [section(quote(m.latestBody, 600, allowedHosts(m.url)))]
      : []),
    context(
      `Times are in your timezone${phase === 'scheduled' && !reminder && reminderMs > 0 ? ` · a reminder comes in this thread ${formatDuration(reminderMs)} before it starts` : ''}${components}`,
    ),
  ];
  return message(`${words}: ${escapeText(m.name)}`, blocks);
}

export function renderMaintenanceNews(m: Maintenance, news: MaintenanceNews): RenderedMessage {
  switch (news.change) {
    case 'reminder':
      return message(`Reminder: ${escapeText(m.name)} starts soon`, [
        section(reminderLine(m, news.reminder)),
      ]);
    case 'rescheduled':
      return message(`${escapeText(m.name)} was rescheduled`, [
        section(`:calendar: *Rescheduled* to ${windowText(m)}\n_Was ${windowText(news.previous)}._`),
      ]);
    case 'started':
      return message(`${escapeText(m.name)} started`, [
        section(
          `:wrench: *Maintenance started*${m.scheduledUntil ? `, planned to end ${dateToken(m.scheduledUntil, '{time}')}` : ''}.`,
        ),
      ]);
    case 'completed':
      return message(`${escapeText(m.name)} completed`, [
        section(':white_check_mark: *Maintenance completed.*'),
      ]);
    case 'cancelled':
      return message(`${escapeText(m.name)} was cancelled`, [
        section(":heavy_minus_sign: *Cancelled*: Clerk's page no longer lists this maintenance."),
      ]);
    default:
      return news satisfies never;
  }
}
