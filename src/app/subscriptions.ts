/**
 * Channel subscriptions in the store: one key per workspace holding its channels, plus the list of
 * workspaces. Every change is a compare-and-set retried on conflict, so two people subscribing two channels at
 * the same moment (possibly through two replicas) both keep their subscription.
 */
import type { Subscription } from '../core/subscriptions/subscription.js';
import { updateAtomically } from './compare-and-set.js';
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
    const existed = await updateAtomically<TeamSubscriptions, boolean>(
      this.store,
      teamKey(subscription.teamId),
      (team = {}) => ({
        next: { ...team, [subscription.channelId]: subscription },
        result: subscription.channelId in team,
      }),
    );
    await updateAtomically<string[], void>(this.store, TEAMS_KEY, (teams = []) => ({
      ...(teams.includes(subscription.teamId) ? {} : { next: [...teams, subscription.teamId] }),
      result: undefined,
    }));
    return existed;
  }

  /** Removes the channel's subscription; true when there was one. */
  async remove(teamId: string, channelId: string): Promise<boolean> {
    return updateAtomically<TeamSubscriptions, boolean>(this.store, teamKey(teamId), (team = {}) => {
      if (!(channelId in team)) return { result: false };
      const { [channelId]: _removed, ...rest } = team;
      return { next: rest, result: true };
    });
  }

  /** Forgets a workspace entirely (uninstall, revoked tokens). */
  async removeTeam(teamId: string): Promise<number> {
    const count = (await this.listTeam(teamId)).length;
    await this.store.delete(teamKey(teamId));
    await updateAtomically<string[], void>(this.store, TEAMS_KEY, (teams = []) => ({
      ...(teams.includes(teamId) ? { next: teams.filter((t) => t !== teamId) } : {}),
      result: undefined,
    }));
    return count;
  }
}
