/**
 * plan(event, subscription, threads) → the steps one channel needs: post an incident parent, reply in its
 * thread, edit the parent, or post on its own. Pure: the thread state of the channel is an input, and each
 * step says how that state changes once the step is done. Step keys are derived from the data, so planning
 * the same event again after a crash yields the same keys and the delivery records deduplicate them.
 */
import { isClosed } from './diff.js';
import type { BotEvent, ComponentRef, IncidentStatus, IncidentSummary, Severity } from './model.js';
import {
  renderComponentChanges,
  renderIncidentParent,
  renderNotice,
  renderResolutionReply,
  renderUpdateReply,
} from './render/alert-messages.js';
import type { RenderedMessage } from './render/types.js';
import { severityRank } from './severity.js';
import {
  eventSeverity,
  type MentionPolicy,
  type Subscription,
  wantedChanges,
  wants,
} from './subscription.js';

/** What the bot remembers about an incident's thread in one channel. */
export interface ThreadState {
  incidentId: string;
  /** Enough of the incident to draw its parent again if the old one is deleted. */
  incident: IncidentSummary;
  affected: ComponentRef[];
  parentTs: string;
  /** Bumped when the parent was deleted and a new one started the thread again. */
  generation: number;
  status: IncidentStatus;
  /** The highest severity announced in this thread so far. */
  severity: Severity;
  affectedKey: string;
  resolved: boolean;
  mentioned: boolean;
  /** The parent is gone (deleted in Slack): the next step starts a new one. */
  gone?: boolean;
}

export type StepKind = 'parent' | 'reply' | 'edit' | 'post';

export interface Step {
  kind: StepKind;
  /** Unique per channel: the delivery record key suffix. */
  key: string;
  message: RenderedMessage;
  incidentId?: string;
  broadcast?: boolean;
  /** How the thread state changes once this step succeeded (a parent also sets parentTs from Slack). */
  thread?: Partial<ThreadState>;
}

export interface PlanInput {
  event: BotEvent;
  subscription: Subscription;
  /** This channel's threads for the incidents the event concerns. */
  threads: Record<string, ThreadState | undefined>;
  statusPageUrl: string;
}

export function affectedKey(affected: ComponentRef[]): string {
  return affected
    .filter((c) => c.status !== 'operational')
    .map((c) => `${c.id}=${c.status}`)
    .sort()
    .join(',');
}

function mentionToken(policy: MentionPolicy): string | undefined {
  switch (policy.kind) {
    case 'here':
      return '<!here>';
    case 'channel':
      return '<!channel>';
    case 'usergroup':
      return `<!subteam^${policy.id}>`;
    default:
      return undefined;
  }
}

function parentStep(
  incident: IncidentSummary,
  status: IncidentStatus,
  severity: Severity,
  affected: ComponentRef[],
  subscription: Subscription,
  previous: ThreadState | undefined,
  durationMs?: number,
): Step {
  const generation = (previous?.generation ?? 0) + 1;
  // A parent drawn again after a deletion does not notify people a second time.
  const mention =
    severity === 'major' && !previous?.mentioned ? mentionToken(subscription.mention) : undefined;
  const closed = status === 'resolved' || status === 'postmortem';
  return {
    kind: 'parent',
    key: `incident:${incident.id}:parent:${generation}`,
    incidentId: incident.id,
    message: renderIncidentParent({
      incident,
      status,
      severity,
      affected,
      ...(mention ? { mention } : {}),
      ...(durationMs !== undefined ? { durationMs } : {}),
    }),
    thread: {
      incidentId: incident.id,
      incident,
      affected,
      generation,
      status,
      severity,
      affectedKey: affectedKey(affected),
      resolved: closed,
      mentioned: mention !== undefined || Boolean(previous?.mentioned),
    },
  };
}

function editStep(
  eventId: string,
  incident: IncidentSummary,
  thread: ThreadState,
  severity: Severity,
  affected: ComponentRef[],
  durationMs?: number,
): Step {
  return {
    kind: 'edit',
    key: `${eventId}:edit:${thread.generation}`,
    incidentId: incident.id,
    message: renderIncidentParent({
      incident,
      status: incident.status,
      severity: severityRank(severity) > severityRank(thread.severity) ? severity : thread.severity,
      affected,
      ...(durationMs !== undefined ? { durationMs } : {}),
    }),
    thread: {
      incident,
      affected,
      status: incident.status,
      affectedKey: affectedKey(affected),
      resolved: isClosed(incident),
    },
  };
}

function incidentSteps(input: PlanInput): Step[] {
  const { event, subscription } = input;
  if (
    event.kind !== 'incident.opened' &&
    event.kind !== 'incident.updated' &&
    event.kind !== 'incident.resolved'
  )
    return [];
  const existing = input.threads[event.incident.id];
  const thread = existing && !existing.gone ? existing : undefined;
  const severity = eventSeverity(event);
  const wanted = wants(subscription, event);

  if (event.kind === 'incident.opened') {
    if (thread || !wanted) return [];
    return [
      parentStep(
        event.incident,
        event.update?.status ?? event.incident.status,
        severity,
        event.affected,
        subscription,
        existing,
      ),
    ];
  }

  if (event.kind === 'incident.resolved') {
    const reply: Step = {
      kind: 'reply',
      key: `${event.id}:reply`,
      incidentId: event.incident.id,
      broadcast: true,
      message: renderResolutionReply(event.incident, event.update, event.durationMs),
      thread: { resolved: true, status: 'resolved' },
    };
    if (!thread) {
      if (!wanted) return [];
      // Never followed here (subscribed mid-incident): a resolved parent tells the whole story; no broadcast.
      const parent = parentStep(
        event.incident,
        'resolved',
        severity,
        event.affected,
        subscription,
        existing,
        event.durationMs,
      );
      return [parent, { ...reply, broadcast: false }];
    }
    return [reply, editStep(event.id, event.incident, thread, severity, event.affected, event.durationMs)];
  }

  // incident.updated
  if (!thread) {
    if (event.afterResolution || !wanted) return [];
    const parent = parentStep(
      event.incident,
      event.incident.status,
      severity,
      event.affected,
      subscription,
      existing,
    );
    const reply: Step = {
      kind: 'reply',
      key: `${event.id}:reply`,
      incidentId: event.incident.id,
      message: renderUpdateReply({
        incident: event.incident,
        update: event.update,
        previousStatus: event.previousStatus,
      }),
    };
    return [parent, reply];
  }
  const escalated =
    !event.afterResolution &&
    severityRank(severity) > severityRank(thread.severity) &&
    severityRank(severity) >= severityRank('partial');
  const mention =
    escalated && severity === 'major' && !thread.mentioned ? mentionToken(subscription.mention) : undefined;
  const steps: Step[] = [
    {
      kind: 'reply',
      key: `${event.id}:reply`,
      incidentId: event.incident.id,
      broadcast: escalated,
      message: renderUpdateReply({
        incident: event.incident,
        update: event.update,
        previousStatus: event.previousStatus,
        afterResolution: event.afterResolution,
        ...(escalated ? { escalatedTo: severity } : {}),
        ...(mention ? { mention } : {}),
      }),
      thread: {
        ...(severityRank(severity) > severityRank(thread.severity) ? { severity } : {}),
        ...(mention ? { mentioned: true } : {}),
      },
    },
  ];
  const statusChanged = event.incident.status !== thread.status;
  const affectedChanged = affectedKey(event.affected) !== thread.affectedKey;
  if (!event.afterResolution && (statusChanged || affectedChanged)) {
    steps.push(editStep(event.id, event.incident, thread, severity, event.affected));
  }
  return steps;
}

/** The steps one channel needs for one event, in order. Empty when the channel does not want it. */
export function plan(input: PlanInput): Step[] {
  const { event, subscription } = input;
  switch (event.kind) {
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved':
      return incidentSteps(input);
    case 'components.changed': {
      const changes = wantedChanges(subscription, event);
      if (changes.length === 0) return [];
      const followed = event.incidentIds.map((id) => input.threads[id]).find((t) => t !== undefined);
      if (followed) {
        const reply: Step = {
          kind: 'reply',
          key: `${event.id}:reply:${followed.incidentId}`,
          incidentId: followed.incidentId,
          message: renderComponentChanges(changes, event.at, input.statusPageUrl, true),
        };
        if (!followed.gone) return [reply];
        // The parent was deleted: draw it again from what the thread remembers, and continue there.
        const parent = parentStep(
          followed.incident,
          followed.status,
          followed.severity,
          followed.affected,
          subscription,
          followed,
        );
        return [parent, reply];
      }
      return [
        {
          kind: 'post',
          key: `${event.id}:post`,
          message: renderComponentChanges(changes, event.at, input.statusPageUrl, false),
        },
      ];
    }
    case 'component.changed': {
      // Normally grouped before delivery; a lone change is a group of one.
      const { componentId, name, from, to } = event;
      return plan({
        ...input,
        event: {
          kind: 'components.changed',
          id: event.id,
          at: event.at,
          changes: [{ componentId, name, from, to }],
          incidentIds: event.incidentIds,
        },
      });
    }
    default: {
      if (!wants(subscription, event)) return [];
      const message = renderNotice(event, input.statusPageUrl);
      return message ? [{ kind: 'post', key: `${event.id}:post`, message }] : [];
    }
  }
}

/** The incidents whose threads the planner needs for this event. */
export function threadIdsFor(event: BotEvent): string[] {
  switch (event.kind) {
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved':
      return [event.incident.id];
    case 'components.changed':
    case 'component.changed':
      return event.incidentIds;
    default:
      return [];
  }
}
