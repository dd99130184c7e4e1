/** A channel's subscription: which components, how serious, maintenance notices, and whom to mention. */
import type { Severity } from '../events/severity.js';

export type MentionPolicy =
  | { kind: 'none' }
  | { kind: 'here' }
  | { kind: 'channel' }
  | { kind: 'usergroup'; id: string };

export interface Subscription {
  teamId: string;
  channelId: string;
  /** Component ids; empty means every component. */
  componentIds: string[];
  /** Names as they were when chosen, to describe ids that later vanish from the page. */
  componentNames: string[];
  /** Events below this severity are not posted. 'operational' means everything. */
  minSeverity: Severity;
  maintenance: boolean;
  /** Early warnings from the probes (when they run). Absent means on: subscriptions saved before it existed. */
  earlyWarnings?: boolean;
  /** Alerts of the team's own checks and jobs (CHECKS_FILE). Absent means on. */
  checks?: boolean;
  /**
   * The flap guard: a component-only change is posted once it has lasted this long (ms); one that reverts first posts
   * nothing. Absent or 0: off. Incident events are never held.
   */
  confirmMs?: number;
  /** How long before a scheduled maintenance starts its reminder is sent (ms). Absent: 60 minutes; 0: off. */
  reminderMs?: number;
  /** A person's direct messages (`/clerk-status dm`): the channel is the DM the bot opened with them. */
  personal?: { userId: string };
  /** Who to notify on an incident opening or escalating to a major outage. */
  mention: MentionPolicy;
  updatedBy: string;
  updatedAt: string;
}

export const DEFAULT_REMINDER_MS = 60 * 60_000;
/** The longest reminder lead: a day (a maintenance further off is not yet worth a reminder). */
export const MAX_REMINDER_MS = 24 * 60 * 60_000;

/** The channel's reminder lead in ms; 0 when reminders are off. */
export function reminderMsOf(subscription: Pick<Subscription, 'reminderMs'>): number {
  return subscription.reminderMs ?? DEFAULT_REMINDER_MS;
}

export function defaultSubscription(
  teamId: string,
  channelId: string,
  userId: string,
  at: string,
): Subscription {
  return {
    teamId,
    channelId,
    componentIds: [],
    componentNames: [],
    minSeverity: 'operational',
    maintenance: true,
    earlyWarnings: true,
    mention: { kind: 'none' },
    updatedBy: userId,
    updatedAt: at,
  };
}

export const MIN_SEVERITY_CHOICES: { value: Severity; label: string }[] = [
  { value: 'operational', label: 'Every change' },
  { value: 'degraded', label: 'Degraded performance or worse' },
  { value: 'partial', label: 'Partial outage or worse' },
  { value: 'major', label: 'Major outage only' },
];
