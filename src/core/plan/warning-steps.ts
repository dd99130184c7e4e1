/**
 * Early-warning events → steps. A warning is a thread of its own (keyed by the warning id, like an incident's):
 * its parent is the unconfirmed warning; confirmation and clearing reply in that thread and edit the parent.
 * Channels that never got the warning get nothing about its end. Warnings never mention anyone: unconfirmed
 * news must not page people.
 */
import type { BotEvent } from '../detect/events.js';
import type { WarningFacts } from '../early-warning/types.js';
import {
  renderClearedReply,
  renderClerkMaintenance,
  renderConfirmedReply,
  renderWarning,
} from '../render/early-warning.js';
import { wants } from '../subscriptions/filters.js';
import { postStep, replyStep } from './steps.js';
import type { PlanInput, Step, ThreadState } from './types.js';

type WarningEvent = Extract<
  BotEvent,
  { kind: 'warning.raised' | 'warning.updated' | 'warning.confirmed' | 'warning.cleared' }
>;

/** What the bot remembers of a warning's thread: its parent, and whether it is over. */
function warningThread(warning: WarningFacts, generation: number): Partial<ThreadState> {
  return {
    incidentId: warning.id,
    generation,
    status: 'investigating',
    severity: 'partial',
    affectedKey: '',
    affectedIds: [],
    name: 'Early warning',
    startedAt: warning.since,
    resolved: false,
    mentioned: false,
  };
}

/** A Slack permalink built from the workspace's URL (auth.test) and the parent's ts. */
export function permalink(teamUrl: string, channelId: string, ts: string): string {
  return `${teamUrl.replace(/\/*$/, '/')}archives/${encodeURIComponent(channelId)}/p${ts.replace('.', '')}`;
}

function editTo(event: WarningEvent, thread: ThreadState, message: Step['message']): Step {
  return {
    kind: 'edit',
    key: `${event.id}:edit:${thread.generation}`,
    incidentId: event.warning.id,
    message,
    thread: { resolved: true, status: 'resolved' },
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
        incidentId: warning.id,
        message: renderWarning(warning, { state: 'active' }, input.statusPageUrl, votes),
        thread: warningThread(warning, 1),
      },
    ];
  }
  // A warning this channel never got (or whose message is gone) has nothing to edit or reply to.
  if (!thread) return [];
  if (event.kind === 'warning.updated') {
    // A redraw only (edits notify nobody): the warning is still on, with what fails now.
    const message = renderWarning(warning, { state: 'active' }, input.statusPageUrl, votes);
    return [{ kind: 'edit', key: `${event.id}:edit:${thread.generation}`, incidentId: warning.id, message }];
  }
  if (event.kind === 'warning.cleared') {
    const view = { state: 'cleared' as const, durationMs: event.durationMs };
    return [
      replyStep({
        key: `${event.id}:reply`,
        incidentId: warning.id,
        message: renderClearedReply(event.durationMs),
      }),
      editTo(event, thread, renderWarning(warning, view, input.statusPageUrl, votes)),
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
      incidentId: warning.id,
      message: renderConfirmedReply(event.incident, event.leadMs, parentLink),
    }),
    editTo(event, thread, renderWarning(warning, view, input.statusPageUrl, votes)),
  ];
}

export function planClerkMaintenance(
  event: Extract<BotEvent, { kind: 'clerk.maintenance' }>,
  input: PlanInput,
): Step[] {
  if (!wants(input.subscription, event)) return [];
  return [postStep(`${event.id}:post`, renderClerkMaintenance(event.phase, event.durationMs))];
}
