/**
 * The planner's vocabulary: what the bot remembers about an incident's thread in one channel, and the steps
 * (post a parent, reply in its thread, edit it, post on its own) that one channel needs for one event.
 */
import type { BotEvent, ComponentChange, ComponentRef, IncidentSummary } from '../events/bot-event.js';
import type { Typical } from '../events/history.js';
import type { IncidentStatus } from '../events/page.js';
import type { Severity } from '../events/severity.js';
import type { VoteTally } from '../events/warning.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { MessageSpec } from './messages.js';

/**
 * What kind of story a thread tells: an official incident, the bot's own early warning, an own check failing, or
 * a scheduled maintenance.
 */
export type ThreadStory = 'incident' | 'warning' | 'check' | 'maintenance';

/**
 * What the bot remembers about one thread in one channel: only what its parent needs, bounded, so a thousand
 * channels never hold a thousand copies of the incident. The incident itself lives once, in the snapshot; a
 * deleted parent is redrawn from there. `threadId` is the story's id (an incident's or a warning's).
 */
interface ThreadBase {
  threadId: string;
  parentTs: string;
  /** Bumped when the parent was deleted and a new one started the thread again. */
  generation: number;
  startedAt: string;
  resolved: boolean;
  /** The parent is gone (deleted in Slack): the next step starts a new one. */
  gone?: boolean;
  /** The parent was refused by Slack twice (reported and dropped): the next event posts a fresh one, saying so. */
  refused?: boolean;
}

export interface IncidentThread extends ThreadBase {
  story: 'incident';
  status: IncidentStatus;
  /** The highest severity announced in this thread so far. */
  severity: Severity;
  /** A digest of the non-operational affected components and their statuses: the parent is edited when it changes. */
  affectedKey: string;
  /** The affected component ids (at most MAX_THREAD_COMPONENTS). */
  affectedIds: string[];
  /** The incident's name (at most MAX_THREAD_NAME characters), to redraw a parent if the incident left the page. */
  name: string;
  mentioned: boolean;
  /** PagerDuty was paged for this incident: the parent says so on every redraw. */
  paged?: boolean;
  /** How long comparable incidents took, shown by the parent until the incident resolves. */
  typical?: Typical;
}

/** An early warning's thread: its parent is the warning; it never mentions anyone and has no components. */
export interface WarningThread extends ThreadBase {
  story: 'warning';
}

/** One of the team's own checks failing: its parent is the alert; recovery ends it. */
export interface CheckThread extends ThreadBase {
  story: 'check';
}

/** A scheduled maintenance: its parent shows the window and where it stands; completion or cancellation ends it. */
export interface MaintenanceThread extends ThreadBase {
  story: 'maintenance';
}

export type ThreadState = IncidentThread | WarningThread | CheckThread | MaintenanceThread;

/** A thread as a parent step starts it: everything but the ts Slack gives the parent. */
export type NewThread =
  | Omit<IncidentThread, 'parentTs'>
  | Omit<WarningThread, 'parentTs'>
  | Omit<CheckThread, 'parentTs'>
  | Omit<MaintenanceThread, 'parentTs'>;

/** What a reply or an edit changes in its thread once delivered. */
export type ThreadPatch = Partial<
  Pick<
    IncidentThread,
    'status' | 'severity' | 'affectedKey' | 'affectedIds' | 'name' | 'mentioned' | 'resolved' | 'paged'
  >
>;

/** The thread as an incident's, or undefined when there is none (or the id names another story). */
export function incidentThread(thread: ThreadState | undefined): IncidentThread | undefined {
  return thread?.story === 'incident' ? thread : undefined;
}

export const MAX_THREAD_NAME = 200;
export const MAX_THREAD_COMPONENTS = 100;

/** An incident as the page shows it now, for redrawing a parent that was deleted. */
export interface IncidentNow {
  incident: IncidentSummary;
  affected: ComponentRef[];
}

/** `hold`: nothing is posted now; the change waits out the channel's flap guard (it is posted later if it lasts). */
export type StepKind = 'parent' | 'reply' | 'edit' | 'post' | 'hold';

export interface Step {
  kind: StepKind;
  /** Unique per channel: the delivery record key suffix. */
  key: string;
  message: MessageSpec;
  /** The thread this step belongs to (a parent starts it). */
  threadId?: string;
  broadcast?: boolean;
  /** A parent: the thread it starts once Slack gives it a ts. */
  starts?: NewThread;
  /** A reply or an edit: how its thread changes once it succeeded. */
  thread?: ThreadPatch;
  /**
   * A parent the channel may already have although no thread record says so (the record was lost: Redis evicted
   * it, or the store was wiped): before posting, look for it by its metadata, back to this time (ISO).
   */
  lookBackTo?: string;
  /** A hold: the changes held and when they are confirmed if still true (ISO). */
  hold?: { changes: ComponentChange[]; dueAt: string };
}

export interface PlanInput {
  event: BotEvent;
  subscription: Subscription;
  /** This channel's threads for the stories (incidents, warnings) the event concerns, by thread id. */
  threads: Record<string, ThreadState | undefined>;
  /** Those incidents as the page shows them now (absent once an incident left the page). */
  incidents?: Record<string, IncidentNow | undefined>;
  statusPageUrl: string;
  /** Vote counts on this channel's warning messages, by warning id. */
  votes?: Record<string, VoteTally | undefined>;
  /** The workspace's URL (from auth.test), to link a parent message in the channel. */
  teamUrl?: string;
}
