/**
 * Keeps App Home tabs live: remembers who opened the tab recently and republishes their view after each
 * status change or subscription edit. Views are per user, so the list is bounded.
 */
import type { Clock } from './ports.js';

const RECENT_MS = 30 * 60_000;
const MAX_USERS_PER_TEAM = 50;

export type PublishHome = (teamId: string, userId: string) => Promise<void>;

export class HomeRefresher {
  private readonly openers = new Map<string, Map<string, number>>();

  constructor(
    private readonly clock: Clock,
    private readonly publish: PublishHome,
    private readonly onError: (error: unknown, teamId: string, userId: string) => void,
  ) {}

  /** A user opened the tab: publish now and keep it fresh for a while. */
  async opened(teamId: string, userId: string): Promise<void> {
    const team = this.openers.get(teamId) ?? new Map<string, number>();
    team.delete(userId);
    team.set(userId, this.clock.now());
    while (team.size > MAX_USERS_PER_TEAM) team.delete(team.keys().next().value as string);
    this.openers.set(teamId, team);
    await this.publish(teamId, userId);
  }

  /** Republishes for recent openers, in one workspace or all. */
  async refresh(teamId?: string): Promise<void> {
    const cutoff = this.clock.now() - RECENT_MS;
    const teams = teamId ? [teamId] : [...this.openers.keys()];
    for (const team of teams) {
      const users = this.openers.get(team);
      if (!users) continue;
      for (const [userId, openedAt] of users) {
        if (openedAt < cutoff) {
          users.delete(userId);
          continue;
        }
        await this.publish(team, userId).catch((error: unknown) => this.onError(error, team, userId));
      }
    }
  }

  forgetTeam(teamId: string): void {
    this.openers.delete(teamId);
  }
}
