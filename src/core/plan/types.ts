/**
 * The planner's vocabulary: what the bot remembers about an incident's thread in one channel, and the steps
 * (post a parent, reply in its thread, edit it, post on its own) that one channel needs for one event.
 */
import type { BotEvent, ComponentRef, IncidentSummary } from '../detect/events.js';
import type { RenderedMessage } from '../render/types.js';
import type { Severity } from '../severity.js';
import type { IncidentStatus } from '../status-page/model.js';
import type { Subscription } from '../subscriptions/subscription.js';

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
