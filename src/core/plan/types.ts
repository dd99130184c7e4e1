/**
 * The planner's vocabulary: what the bot remembers about an incident's thread in one channel, and the steps
 * (post a parent, reply in its thread, edit it, post on its own) that one channel needs for one event.
 */
import type { BotEvent, ComponentRef, IncidentSummary } from '../detect/events.js';
import type { VoteTally } from '../render/early-warning.js';
import type { RenderedMessage } from '../render/types.js';
import type { Severity } from '../severity.js';
import type { IncidentStatus } from '../status-page/model.js';
import type { Subscription } from '../subscriptions/subscription.js';

/**
 * What the bot remembers about an incident's thread in one channel: only what its parent needs, bounded, so a
 * thousand channels never hold a thousand copies of the incident. The incident itself lives once, in the
 * snapshot; a deleted parent is redrawn from there.
 */
export interface ThreadState {
  incidentId: string;
  parentTs: string;
  /** Bumped when the parent was deleted and a new one started the thread again. */
  generation: number;
  status: IncidentStatus;
  /** The highest severity announced in this thread so far. */
  severity: Severity;
  /** A digest of the non-operational affected components and their statuses: the parent is edited when it changes. */
  affectedKey: string;
  /** The affected component ids (at most MAX_THREAD_COMPONENTS). */
  affectedIds: string[];
  /** The incident's name (at most MAX_THREAD_NAME characters) and start, to redraw a parent if the incident left the page. */
  name: string;
  startedAt: string;
  resolved: boolean;
  mentioned: boolean;
  /** The parent is gone (deleted in Slack): the next step starts a new one. */
  gone?: boolean;
}

export const MAX_THREAD_NAME = 200;
export const MAX_THREAD_COMPONENTS = 100;

/** An incident as the page shows it now, for redrawing a parent that was deleted. */
export interface IncidentNow {
  incident: IncidentSummary;
  affected: ComponentRef[];
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
  /** Those incidents as the page shows them now (absent once an incident left the page). */
  incidents?: Record<string, IncidentNow | undefined>;
  statusPageUrl: string;
  /** Vote counts on this channel's warning messages, by warning id. */
  votes?: Record<string, VoteTally | undefined>;
  /** The workspace's URL (from auth.test), to link a parent message in the channel. */
  teamUrl?: string;
}
