/**
 * Early-warning events → steps. A warning is a thread of its own (keyed by the warning id, like an incident's):
 * its parent is the unconfirmed warning; confirmation and clearing reply in that thread and edit the parent.
 * Channels that never got the warning get nothing about its end. Warnings never mention anyone: unconfirmed
 * news must not page people.
 */
import type { BotEvent } from '../events/bot-event.js';
import type { VoteTally, WarningFacts, WarningView } from '../events/warning.js';
import { wants } from '../subscriptions/filters.js';
import type { MessageSpec } from './messages.js';
import { postStep, replyStep } from './steps.js';
import type { NewThread, PlanInput, Step, ThreadState } from './types.js';

type WarningEvent = Extract<
  BotEvent,
  { kind: 'warning.raised' | 'warning.updated' | 'warning.confirmed' | 'warning.cleared' }
>;

/** What the bot remembers of a warning's thread: its parent, and whether it is over. */
function warningThread(warning: WarningFacts, generation: number): NewThread {
  return { story: 'warning', threadId: warning.id, generation, startedAt: warning.since, resolved: false };
}

function warningMessage(
  warning: WarningFacts,
  view: WarningView,
  input: PlanInput,
  votes: VoteTally | undefined,
): MessageSpec {
  return { family: 'warning', warning, view, statusPageUrl: input.statusPageUrl, votes };
}

/** A Slack permalink built from the workspace's URL (auth.test) and the parent's ts. */
export function permalink(teamUrl: string, channelId: string, ts: string): string {
  return `${teamUrl.replace(/\/*$/, '/')}archives/${encodeURIComponent(channelId)}/p${ts.replace('.', '')}`;
}

function editTo(event: WarningEvent, thread: ThreadState, message: Step['message']): Step {
  return {
    kind: 'edit',
    key: `${event.id}:edit:${thread.generation}`,
    threadId: event.warning.id,
    message,
    thread: { resolved: true },
  };
}

export function planWarning(event: WarningEvent, input: PlanInput): Step[] {
  const { warning } = event;
  const existing = input.threads[warning.id];
  const thread = existing && !existing.gone ? existing : undefined;
  const votes = input.votes?.[warning.id];
  if (event.kind === 'warning.raised') {
    if (existing || !wants(input.subscription, event)) return [];
    return [
      {
        kind: 'parent',
        key: `${event.id}:parent`,
        threadId: warning.id,
        message: warningMessage(warning, { state: 'active' }, input, votes),
        starts: warningThread(warning, 1),
      },
    ];
  }
  // A warning this channel never got (or whose message is gone) has nothing to edit or reply to.
  if (!thread) return [];
  if (event.kind === 'warning.updated') {
    // A redraw only (edits notify nobody): the warning is still on, with what fails now.
    const message = warningMessage(warning, { state: 'active' }, input, votes);
    return [{ kind: 'edit', key: `${event.id}:edit:${thread.generation}`, threadId: warning.id, message }];
  }
  if (event.kind === 'warning.cleared') {
    const view = { state: 'cleared' as const, durationMs: event.durationMs };
    return [
      replyStep({
        key: `${event.id}:reply`,
        threadId: warning.id,
        message: { family: 'warning.cleared', durationMs: event.durationMs },
      }),
      editTo(event, thread, warningMessage(warning, view, input, votes)),
    ];
  }
  const parent = input.threads[event.incident.id];
  const parentLink =
    parent && !parent.gone && input.teamUrl
      ? permalink(input.teamUrl, input.subscription.channelId, parent.parentTs)
      : undefined;
  const view = { state: 'confirmed' as const, incident: event.incident, leadMs: event.leadMs };
  return [
    replyStep({
      key: `${event.id}:reply`,
      threadId: warning.id,
      message: { family: 'warning.confirmed', incident: event.incident, leadMs: event.leadMs, parentLink },
    }),
    editTo(event, thread, warningMessage(warning, view, input, votes)),
  ];
}

export function planClerkMaintenance(
  event: Extract<BotEvent, { kind: 'clerk.maintenance' }>,
  input: PlanInput,
): Step[] {
  if (!wants(input.subscription, event)) return [];
  return [
    postStep(`${event.id}:post`, {
      family: 'clerk.maintenance',
      phase: event.phase,
      durationMs: event.durationMs,
    }),
  ];
}
