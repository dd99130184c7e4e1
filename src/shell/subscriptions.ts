/**
 * Channel subscriptions in the store: one key per workspace holding its channels, plus the list of
 * workspaces. Every change is a compare-and-set retried on conflict, so two people subscribing two channels at
 * the same moment (possibly through two replicas) both keep their subscription.
 */
import type { Subscription } from '../core/subscription.js';
import { BotError } from '../errors.js';
import type { Store } from './ports.js';

const TEAMS_KEY = 'subscriptions:teams';
const teamKey = (teamId: string) => `subscriptions:team:${teamId}`;
const MAX_CONFLICTS = 50;

type TeamSubscriptions = Record<string, Subscription>;

export class SubscriptionRepo {
  constructor(private readonly store: Store) {}

  /** Read-modify-write of one key, atomically: re-read and retry when someone else wrote meanwhile. */
  private async update<V, R>(
    key: string,
    change: (current: V | undefined) => { next?: V; result: R },
  ): Promise<R> {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const current = await this.store.get<V>(key);
      const { next, result } = change(current);
      if (next === undefined || (await this.store.compareAndSet<V>(key, current, next))) return result;
    }
    throw new BotError('STORE_UNAVAILABLE', `${key} kept changing during an update; try again`);
  }

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
    const existed = await this.update<TeamSubscriptions, boolean>(
      teamKey(subscription.teamId),
      (team = {}) => ({
        next: { ...team, [subscription.channelId]: subscription },
        result: subscription.channelId in team,
      }),
    );
    await this.update<string[], void>(TEAMS_KEY, (teams = []) => ({
      ...(teams.includes(subscription.teamId) ? {} : { next: [...teams, subscription.teamId] }),
      result: undefined,
    }));
    return existed;
  }

  /** Removes the channel's subscription; true when there was one. */
  async remove(teamId: string, channelId: string): Promise<boolean> {
    return this.update<TeamSubscriptions, boolean>(teamKey(teamId), (team = {}) => {
      if (!(channelId in team)) return { result: false };
      const { [channelId]: _removed, ...rest } = team;
      return { next: rest, result: true };
    });
  }

  /** Forgets a workspace entirely (uninstall, revoked tokens). */
  async removeTeam(teamId: string): Promise<number> {
    const count = (await this.listTeam(teamId)).length;
    await this.store.delete(teamKey(teamId));
    await this.update<string[], void>(TEAMS_KEY, (teams = []) => ({
      ...(teams.includes(teamId) ? { next: teams.filter((t) => t !== teamId) } : {}),
      result: undefined,
    }));
    return count;
  }
}
