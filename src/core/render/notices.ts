/** Maintenance, components appearing or disappearing, and the status page itself going dark: one renderer per kind. */
import type { BotEvent } from '../detect/events.js';
import { section } from './blocks.js';
import { COMPONENT_STATUS_LABEL, formatDuration } from './labels.js';
import { dateToken, escapeText, link, quote } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

type NoticeKind =
  | 'maintenance.scheduled'
  | 'maintenance.started'
  | 'maintenance.completed'
  | 'component.added'
  | 'component.removed'
  | 'source.unreachable'
  | 'source.recovered';
type Notice<K extends NoticeKind> = Extract<BotEvent, { kind: K }>;

const message = (text: string, mrkdwn: string): RenderedMessage => ({ text, blocks: [section(mrkdwn)] });

const RENDERERS: { [K in NoticeKind]: (event: Notice<K>, page: string) => RenderedMessage } = {
  'maintenance.scheduled': ({ maintenance: m }) => {
    const until = m.scheduledUntil ? ` until ${dateToken(m.scheduledUntil, '{time}')}` : '';
    const when = m.scheduledFor ? ` for ${dateToken(m.scheduledFor)}${until}` : '';
    const body = m.latestBody ? `\n${quote(m.latestBody, 600)}` : '';
    return message(
      `Clerk maintenance scheduled: ${m.name}`,
      `:calendar: *Maintenance scheduled*${when}: ${link(m.url, m.name)}${body}`,
    );
  },
  'maintenance.started': ({ maintenance: m }) =>
    message(
      `Clerk maintenance started: ${m.name}`,
      `:wrench: *Maintenance in progress*: ${link(m.url, m.name)}`,
    ),
  'maintenance.completed': ({ maintenance: m }) =>
    message(
      `Clerk maintenance completed: ${m.name}`,
      `:white_check_mark: *Maintenance completed*: ${link(m.url, m.name)}`,
    ),
  'component.added': (event, page) =>
    message(
      `Clerk added a status component: ${event.name} (${COMPONENT_STATUS_LABEL[event.status]})`,
      `:new: Clerk's status page now lists *${escapeText(event.name)}* (${COMPONENT_STATUS_LABEL[event.status]}). ${page}`,
    ),
  'component.removed': (event, page) =>
    message(
      `Clerk removed a status component: ${event.name}`,
      `Clerk's status page no longer lists *${escapeText(event.name)}*. ${page}`,
    ),
  'source.unreachable': (event, page) =>
    message(
      `Clerk's status page is unreachable (${event.failures} failed checks)`,
      `:grey_question: *I can't read Clerk's status page* (${event.failures} failed checks since ${dateToken(event.since)}). I'll keep trying and say when it answers; meanwhile check the ${page} yourself.`,
    ),
  'source.recovered': (event) =>
    message(
      `Clerk's status page answers again after ${formatDuration(event.downForMs)}`,
      `:white_check_mark: Clerk's status page answers again after ${formatDuration(event.downForMs)}.`,
    ),
};

export function renderNotice(event: BotEvent, statusPageUrl: string): RenderedMessage | undefined {
  const render = RENDERERS[event.kind as NoticeKind] as
    | ((e: BotEvent, page: string) => RenderedMessage)
    | undefined;
  return render?.(event, link(statusPageUrl, 'status page'));
}
