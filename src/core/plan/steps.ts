/**
 * The step builders every planner shares. Step keys are derived from the data (incident id, event id, thread
 * generation), so planning the same event again after a crash yields the same keys and the delivery records
 * deduplicate them.
 */

import type { ComponentRef, IncidentSummary } from '../events/bot-event.js';
import { digest } from '../events/digest.js';
import type { Typical } from '../events/history.js';
import { eventId } from '../events/ids.js';
import type { IncidentStatus } from '../events/page.js';
import { isClosed } from '../events/page.js';
import type { Severity } from '../events/severity.js';
import type { Subscription } from '../subscriptions/subscription.js';
import { higherSeverity, mentionFor } from './mentions.js';
import type { MessageSpec } from './messages.js';
import {
  type IncidentThread,
  MAX_THREAD_COMPONENTS,
  MAX_THREAD_NAME,
  type Step,
  type ThreadPatch,
} from './types.js';

/** A digest of the non-operational components and their statuses: equal exactly when the set is the same. */
export function affectedKey(affected: ComponentRef[]): string {
  return digest(
    affected
      .filter((c) => c.status !== 'operational')
      .map((c) => `${c.id}=${c.status}`)
      .sort()
      .join('\n'),
  );
}

/** The parts of a thread that follow the incident's current state. */
function incidentFacts(incident: IncidentSummary, status: IncidentStatus, affected: ComponentRef[]) {
  return {
    status,
    affectedKey: affectedKey(affected),
    affectedIds: affected.slice(0, MAX_THREAD_COMPONENTS).map((c) => c.id),
    name: incident.name.slice(0, MAX_THREAD_NAME),
    resolved: isClosed({ status }),
  };
}

export interface ParentOptions {
  incident: IncidentSummary;
  status: IncidentStatus;
  severity: Severity;
  affected: ComponentRef[];
  subscription: Subscription;
  /** The thread this parent replaces (deleted in Slack), if any. */
  previous: IncidentThread | undefined;
  /** How long comparable incidents took: shown until it resolves. */
  typical?: Typical;
  /** Planned for anything but the incident's opening with no thread record: the channel may have a parent already. */
  mayExist?: boolean;
  durationMs?: number;
}

/** A new parent: the one message per incident per channel that edits keep current. */
export function parentStep(options: ParentOptions): Step {
  const { incident, status, severity, affected, previous } = options;
  const generation = (previous?.generation ?? 0) + 1;
  // A parent drawn again after a deletion does not notify people a second time.
  const mention = mentionFor(options.subscription.mention, severity, previous);
  return {
    kind: 'parent',
    key: eventId('incident', incident.id, 'parent', String(generation)),
    threadId: incident.id,
    message: {
      family: 'incident.parent',
      facts: {
        incident,
        status,
        severity,
        affected,
        ...(mention ? { mention } : {}),
        ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
        ...(previous?.refused ? { replacesRefused: true } : {}),
        ...(options.typical && status !== 'resolved' ? { typical: options.typical } : {}),
      },
    },
    ...(options.mayExist && !previous ? { lookBackTo: incident.createdAt } : {}),
    starts: {
      story: 'incident',
      threadId: incident.id,
      generation,
      severity,
      startedAt: incident.createdAt,
      ...incidentFacts(incident, status, affected),
      mentioned: mention !== undefined || Boolean(previous?.mentioned),
      ...(options.typical ? { typical: options.typical } : {}),
    },
  };
}

export interface ReplyOptions {
  /** Unique within the channel: the event id plus what distinguishes this reply. */
  key: string;
  threadId: string;
  message: MessageSpec;
  broadcast?: boolean;
  thread?: ThreadPatch;
}

export function replyStep(options: ReplyOptions): Step {
  return {
    kind: 'reply',
    key: options.key,
    threadId: options.threadId,
    message: options.message,
    ...(options.broadcast ? { broadcast: true } : {}),
    ...(options.thread ? { thread: options.thread } : {}),
  };
}

export interface EditOptions {
  eventId: string;
  incident: IncidentSummary;
  thread: IncidentThread;
  severity: Severity;
  affected: ComponentRef[];
  durationMs?: number;
  /** This edit says the incident was paged. */
  paged?: boolean;
}

/** Redraws the parent with the incident's current state; idempotent, so a re-send is harmless. */
export function editStep(options: EditOptions): Step {
  const { incident, thread, affected } = options;
  return {
    kind: 'edit',
    key: `${options.eventId}:edit:${thread.generation}`,
    threadId: incident.id,
    message: {
      family: 'incident.parent',
      facts: {
        incident,
        status: incident.status,
        severity: higherSeverity(options.severity, thread.severity),
        affected,
        ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
        ...(options.paged || thread.paged ? { paged: true } : {}),
        // Edited away at resolution: the incident's own duration says it then.
        ...(thread.typical && !isClosed({ status: incident.status }) ? { typical: thread.typical } : {}),
      },
    },
    thread: {
      ...incidentFacts(incident, incident.status, affected),
      ...(options.paged ? { paged: true } : {}),
    },
  };
}

export function postStep(key: string, message: MessageSpec): Step {
  return { kind: 'post', key, message };
}
