/**
 * Early-warning messages: the unconfirmed warning (with its two vote buttons), the same message once confirmed or
 * cleared, the replies in its thread, and Clerk's Maintenance Mode notices. Everything here comes from the bot's
 * own probes except an incident's name and address, which are escaped like all outside text.
 */

import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describeOutcome } from '../early-warning/probes.js';
import { FAMILY_LABEL, PROBE_ENDPOINTS, type ProbeFamily } from '../events/probes.js';
import type {
  FamilyFailure,
  OfficialIncident,
  VoteTally,
  WarningFacts,
  WarningView,
} from '../events/warning.js';
import { probeTips } from '../tips.js';
import { context, message, plainMessage, section } from './blocks.js';
import { formatDuration } from './labels.js';
import { bulletList, dateToken, escapeText, link } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

/** The vote buttons' action ids; each button's value is the warning id. */
export const WARNING_VOTE_ACTIONS = {
  seeing: 'early_warning_seeing',
  notAffected: 'early_warning_not_affected',
} as const;
export type VoteChoice = keyof typeof WARNING_VOTE_ACTIONS;

/** Seconds up to three minutes ("for 90 s"), then as people say longer durations. */
const lastingFor = (ms: number) =>
  ms < 180_000 ? `${Math.max(0, Math.round(ms / 1000))} s` : formatDuration(ms);

/** "Frontend API /v1/health: 503 for 90 s" per failing endpoint. */
function failureLines(warning: WarningFacts): string[] {
  return warning.failing.flatMap((family: FamilyFailure) => {
    const lasting = lastingFor(Date.parse(warning.asOf ?? warning.raisedAt) - Date.parse(family.since));
    return family.results.map(
      (r) => `${PROBE_ENDPOINTS[r.endpoint].label}: ${describeOutcome(r)} for ${lasting}`,
    );
  });
}

const familiesOf = (warning: WarningFacts): ProbeFamily[] => warning.failing.map((f) => f.family);
const familyNames = (warning: WarningFacts) =>
  familiesOf(warning)
    .map((f) => FAMILY_LABEL[f])
    .join(' and ');

/** "the bot warned 9 min before the status page"; within 5 s either way, they spoke at about the same time. */
export function leadPhrase(leadMs: number): string {
  if (leadMs >= 5_000) return `the bot warned ${lastingFor(leadMs)} before the status page`;
  if (leadMs > -5_000) return 'the status page spoke at about the same time as the bot';
  return `the status page spoke ${lastingFor(-leadMs)} before the bot`;
}

function voteButtons(warningId: string, votes: VoteTally): ActionsBlock {
  const button = (choice: VoteChoice, label: string) => ({
    type: 'button' as const,
    action_id: WARNING_VOTE_ACTIONS[choice],
    value: warningId.slice(0, 2000),
    text: { type: 'plain_text' as const, text: `${label} (${votes[choice]})`, emoji: true },
  });
  return {
    type: 'actions',
    block_id: 'early_warning_votes',
    elements: [
      button('seeing', ':eyes: Seeing it too'),
      button('notAffected', ':ok_hand: Not affected here'),
    ],
  };
}

const tallyLine = (votes: VoteTally) =>
  `${votes.seeing} seeing it too · ${votes.notAffected} not affected here`;

function headline(warning: WarningFacts, view: WarningView): { text: string; mrkdwn: string } {
  const names = familyNames(warning);
  if (view.state === 'active')
    return {
      text: `Early warning (unconfirmed): Clerk's ${names} failing from here; the status page says nothing yet`,
      mrkdwn: `:warning: *Early warning (unconfirmed): Clerk's ${names} failing from here*`,
    };
  if (view.state === 'cleared')
    return {
      text: `Early warning cleared: Clerk's ${names} healthy again after ${formatDuration(view.durationMs)}; Clerk posted nothing`,
      mrkdwn: `:large_green_circle: *Early warning cleared*: Clerk's ${names} answered normally again after ${formatDuration(view.durationMs)}. Clerk's status page posted nothing about it.`,
    };
  const incident = escapeText(view.incident.name);
  return {
    text: `Early warning confirmed: Clerk opened "${incident}"; ${leadPhrase(view.leadMs)}`,
    mrkdwn: `:white_check_mark: *Early warning confirmed*: Clerk opened ${link(view.incident.url, view.incident.name)}; ${leadPhrase(view.leadMs)}.`,
  };
}

/** The warning message, as first posted (active) and as later edited (cleared, confirmed). */
export function renderWarning(
  warning: WarningFacts,
  view: WarningView,
  statusPageUrl: string,
  votes: VoteTally = { seeing: 0, notAffected: 0 },
): RenderedMessage {
  const head = headline(warning, view);
  const failing = bulletList(failureLines(warning));
  const blocks: KnownBlock[] = [section(head.mrkdwn)];
  if (view.state === 'active') {
    blocks.push(
      section(failing),
      section(
        `Clerk's ${link(statusPageUrl, 'status page')} says nothing yet. This comes from this bot's own checks of your Clerk instance: it may be Clerk, or the path from here to Clerk.`,
      ),
      section(`*What to do*\n${bulletList(probeTips(familiesOf(warning)))}`),
      voteButtons(warning.id, votes),
      context(`Failing since ${dateToken(warning.since)} · is it failing for you too?`),
    );
  } else {
    blocks.push(
      section(`What the probes saw:\n${failing}`),
      context(`From ${dateToken(warning.since)} · ${tallyLine(votes)}`),
    );
  }
  const detail = failureLines(warning).slice(0, 3).join('; ');
  return message(`${head.text} (${detail})`, blocks);
}

/** The thread reply when Clerk's incident follows: where it is, and the lead. */
export function renderConfirmedReply(
  incident: OfficialIncident,
  leadMs: number,
  parentLink?: string,
): RenderedMessage {
  const follow = parentLink
    ? ` Its updates follow in ${link(parentLink, 'its thread in this channel')}.`
    : '';
  return message(`Confirmed: Clerk opened "${escapeText(incident.name)}"; ${leadPhrase(leadMs)}`, [
    section(
      `:white_check_mark: *Confirmed*: Clerk opened ${link(incident.url, incident.name)}; ${leadPhrase(leadMs)}.${follow}`,
    ),
  ]);
}

export function renderClearedReply(durationMs: number): RenderedMessage {
  return plainMessage(
    `:large_green_circle: Clerk's endpoints answer normally again. The warning lasted ${formatDuration(durationMs)}; Clerk's status page posted nothing about it.`,
  );
}

/** Clerk's Maintenance Mode, from the instance's /v1/environment flag. */
export function renderClerkMaintenance(phase: 'started' | 'ended', durationMs?: number): RenderedMessage {
  if (phase === 'started')
    return plainMessage(
      ':construction: *Clerk Maintenance Mode is on* for your instance: sign-ins, sign-ups and other writes fail (503 `maintenance_mode`) while it lasts; users already signed in keep working. I will say when it ends.',
    );
  const lasted = durationMs === undefined ? '' : ` after ${formatDuration(durationMs)}`;
  return plainMessage(
    `:white_check_mark: *Clerk Maintenance Mode is off* again${lasted}: sign-ins, sign-ups and writes work again.`,
  );
}
