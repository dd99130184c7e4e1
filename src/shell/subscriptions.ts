/**
 * Channel subscriptions in the store: one key per workspace holding its channels, plus the list of
 * workspaces. Edits are rare and human-paced, so a read-modify-write per edit is enough.
 */
import type { Subscription } from '../core/subscription.js';
import type { Store } from './ports.js';

const TEAMS_KEY = 'subscriptions:teams';
const teamKey = (teamId: string) => `subscriptions:team:${teamId}`;

type TeamSubscriptions = Record<string, Subscription>;

export class SubscriptionRepo {
  constructor(private readonly store: Store) {}

  async get(teamId: string, channelId: string): Promise<Subscription | undefined> {
    return (await this.store.get<TeamSubscriptions>(teamKey(teamId)))?.[channelId];
  }

  async listTeam(teamId: string): Promise<Subscription[]> {
    const team = (await this.store.get<TeamSubscriptions>(teamKey(teamId))) ?? {};
    return Object.values(team).sort((a, b) => a.channelId.localeCompare(b.channelId));
  }

  async listAll(): Promise<Subscription[]> {
    const teams = (await this.store.get<string[]>(TEAMS_KEY)) ?? [];
    const all = await Promise.all(teams.map((teamId) => this.listTeam(teamId)));
    return all.flat();
  }

  /** Saves the subscription; true when it replaced an existing one. */
  async put(subscription: Subscription): Promise<boolean> {
    const key = teamKey(subscription.teamId);
    const team = (await this.store.get<TeamSubscriptions>(key)) ?? {};
    const existed = subscription.channelId in team;
    await this.store.set(key, { ...team, [subscription.channelId]: subscription });
    const teams = (await this.store.get<string[]>(TEAMS_KEY)) ?? [];
    if (!teams.includes(subscription.teamId))
      await this.store.set(TEAMS_KEY, [...teams, subscription.teamId]);
    return existed;
  }

  /** Removes the channel's subscription; true when there was one. */
  async remove(teamId: string, channelId: string): Promise<boolean> {
    const key = teamKey(teamId);
    const team = (await this.store.get<TeamSubscriptions>(key)) ?? {};
    if (!(channelId in team)) return false;
    const { [channelId]: _removed, ...rest } = team;
    await this.store.set(key, rest);
    return true;
  }

  /** Forgets a workspace entirely (uninstall, revoked tokens). */
  async removeTeam(teamId: string): Promise<number> {
    const count = (await this.listTeam(teamId)).length;
    await this.store.delete(teamKey(teamId));
    const teams = (await this.store.get<string[]>(TEAMS_KEY)) ?? [];
    if (teams.includes(teamId))
      await this.store.set(
        TEAMS_KEY,
        teams.filter((t) => t !== teamId),
      );
    return count;
  }
}
