/** Components appearing or disappearing, and the status page itself going dark: one renderer per kind. */
import type { BotEvent } from '../events/bot-event.js';
import type { NoticeEvent, NoticeKind } from '../plan/messages.js';
import { message, section } from './blocks.js';
import { COMPONENT_STATUS_LABEL, formatDuration } from './labels.js';
import { dateToken, escapeText, link } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

type Notice<K extends NoticeKind> = Extract<BotEvent, { kind: K }>;

const notice = (text: string, mrkdwn: string): RenderedMessage => message(text, [section(mrkdwn)]);
const LISTED = 20;

/** Names, capped: "A, B, C and 287 more". */
function cappedNames(list: { name: string }[]): string {
  const names = list
    .slice(0, LISTED)
    .map((c) => `*${escapeText(c.name)}*`)
    .join(', ');
  return list.length > LISTED ? `${names} and ${list.length - LISTED} more` : names;
}

const RENDERERS: { [K in NoticeKind]: (event: Notice<K>, page: string) => RenderedMessage } = {
  // Many at once (a page that replaced its list) is one notice about the list, not one line per component.
  'components.listChanged': ({ added, removed, pageSize }, page) => {
    const massive = added.length + removed.length > Math.max(1, pageSize) / 2;
    if (massive)
      return notice(
        `Clerk's status page changed its list of components (${added.length} added, ${removed.length} removed)`,
        `:card_index: Clerk's status page changed its list of components: ${added.length} added, ${removed.length} removed, ${pageSize} listed now. ${page}`,
      );
    const parts = [
      ...(added.length > 0 ? [`now lists ${cappedNames(added)}`] : []),
      ...(removed.length > 0 ? [`no longer lists ${cappedNames(removed)}`] : []),
    ];
    return notice(
      `Clerk's status page ${added.length > 0 ? `added ${added.length}` : ''}${added.length > 0 && removed.length > 0 ? ' and ' : ''}${removed.length > 0 ? `removed ${removed.length}` : ''} component${added.length + removed.length > 1 ? 's' : ''}`,
      `:new: Clerk's status page ${parts.join('; it ')}. ${page}`,
    );
  },
  'component.added': (event, page) =>
    notice(
      `Clerk added a status component: ${escapeText(event.name)} (${COMPONENT_STATUS_LABEL[event.status]})`,
      `:new: Clerk's status page now lists *${escapeText(event.name)}* (${COMPONENT_STATUS_LABEL[event.status]}). ${page}`,
    ),
  'component.removed': (event, page) =>
    notice(
      `Clerk removed a status component: ${escapeText(event.name)}`,
      `Clerk's status page no longer lists *${escapeText(event.name)}*. ${page}`,
    ),
  'source.unreachable': (event, page) =>
    notice(
      `Clerk's status page is unreachable (${event.failures} failed checks)`,
      `:grey_question: *I can't read Clerk's status page* (${event.failures} failed checks since ${dateToken(event.since)}). I'll keep trying and say when it answers; meanwhile check the ${page} yourself.`,
    ),
  'source.recovered': (event) =>
    notice(
      `Clerk's status page answers again after ${formatDuration(event.downForMs)}`,
      `:white_check_mark: Clerk's status page answers again after ${formatDuration(event.downForMs)}.`,
    ),
};

export function renderNotice(event: NoticeEvent, statusPageUrl: string): RenderedMessage {
  // RENDERERS has one entry per notice kind (a missing one is a compile error); TypeScript cannot correlate
  // the event with its own entry through the lookup, hence the one widening here.
  const render = RENDERERS[event.kind] as (e: NoticeEvent, page: string) => RenderedMessage;
  return render(event, link(statusPageUrl, 'status page'));
}
