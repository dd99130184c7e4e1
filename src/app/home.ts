/**
 * The App Home tab, kept live: a user who opens it gets a fresh view, and whoever opened it in the last 30
 * minutes gets it republished after each status change or subscription edit. Views are per user, so the list
 * of recent openers is bounded per workspace.
 */

import type { DestinationState } from '../core/events/destinations.js';
import { renderHomeView } from '../core/render/home-view.js';
import type { AppHomePort, ChecksQuery, ProbeQuery, StatusQuery } from './ports/driving.js';
import type { Clock, Log } from './ports/observability.js';
import type { HomePublisher } from './ports/slack.js';
import type { SubscriptionRepo } from './subscriptions.js';

const RECENT_MS = 30 * 60_000;
const MAX_USERS_PER_TEAM = 50;

export interface AppHomeDeps {
  clock: Clock;
  status: StatusQuery;
  subscriptions: SubscriptionRepo;
  publisher: HomePublisher;
  statusPageUrl: string;
  log: Log;
  probes?: ProbeQuery;
  /** The team's own checks and jobs, when CHECKS_FILE is set. */
  checks?: ChecksQuery;
  /** How PagerDuty and the webhook are doing, when configured. */
  destinations?: () => DestinationState[];
  /** When the store was found to have lost its data, if it was. */
  dataLostSince?: () => string | undefined;
}

export class AppHome implements AppHomePort {
  private readonly openers = new Map<string, Map<string, number>>();

  constructor(private readonly deps: AppHomeDeps) {}

  /** A user opened the tab: publish now and keep it fresh for a while. */
  async opened(teamId: string, userId: string): Promise<void> {
    const team = this.openers.get(teamId) ?? new Map<string, number>();
    team.delete(userId);
    team.set(userId, this.deps.clock.now());
    while (team.size > MAX_USERS_PER_TEAM) team.delete(team.keys().next().value as string);
    this.openers.set(teamId, team);
    await this.publish(teamId, userId);
  }

  /** Republishes for recent openers, in one workspace or all; a failed publish is logged, never thrown. */
  async refresh(teamId?: string): Promise<void> {
    const cutoff = this.deps.clock.now() - RECENT_MS;
    for (const team of teamId ? [teamId] : [...this.openers.keys()]) {
      const users = this.openers.get(team);
      if (!users) continue;
      for (const [userId, openedAt] of users) {
        if (openedAt < cutoff) {
          users.delete(userId);
          continue;
        }
        await this.publish(team, userId).catch((error: unknown) =>
          this.deps.log.warn({ team, user: userId, err: error }, 'App Home refresh failed'),
        );
      }
    }
  }

  forgetTeam(teamId: string): void {
    this.openers.delete(teamId);
  }

  /** The workspace's channels, and this viewer's own DMs: nobody sees another person's. */
  private async subscriptionsFor(teamId: string, userId: string) {
    const all = await this.deps.subscriptions.listTeam(teamId);
    return {
      subscriptions: all.filter((s) => !s.personal),
      personal: all.find((s) => s.personal?.userId === userId) ?? null,
    };
  }

  private async publish(teamId: string, userId: string): Promise<void> {
    const view = renderHomeView({
      ...this.deps.status.current(),
      now: this.deps.clock.now(),
      ...(await this.subscriptionsFor(teamId, userId)),
      ended: await this.deps.subscriptions.listEnded(teamId),
      dropped: await this.deps.subscriptions.listDropped(teamId),
      ...(this.deps.checks ? { checks: await this.deps.checks.report() } : {}),
      statusPageUrl: this.deps.statusPageUrl,
      ...probesNow(this.deps.probes),
      dataLostSince: this.deps.dataLostSince?.(),
      destinations: this.deps.destinations?.() ?? [],
    });
    await this.deps.publisher.publish(teamId, userId, view);
  }
}

/** The probes' state as a render input, when they run. */
export function probesNow(query: ProbeQuery | undefined): {
  probes?: NonNullable<ReturnType<ProbeQuery['current']>>;
} {
  const probes = query?.current();
  return probes ? { probes } : {};
}
