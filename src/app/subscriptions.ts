/**
 * Channel subscriptions in the store: one key per channel, an index of channels per workspace and an index of
 * workspaces (rows in SQLite, sets in Redis). Subscribing one channel touches one key and two index entries,
 * whatever the number of channels; two people subscribing two channels at once, through two replicas, never
 * touch the same key, so neither can lose the other's write.
 */

import { storeKey } from '../core/store-keys.js';
import type { Subscription } from '../core/subscriptions/subscription.js';
import { updateAtomically } from './compare-and-set.js';
import type { Store } from './ports/store.js';

const TEAMS_INDEX = 'subscriptions:teams';
const endedKey = (teamId: string) => storeKey('subscriptions:ended', teamId);
const ENDED_KEPT = 20;
const droppedKey = (teamId: string) => storeKey('subscriptions:dropped', teamId);
const DROPPED_KEPT = 10;

/** A message Slack refused for good in one of the workspace's channels (later ones were posted), for App Home. */
export interface DroppedMessage {
  channelId: string;
  /** Slack's error code. */
  reason: string;
  at: string;
}

/** A subscription that ended for good, for App Home. */
export interface EndedSubscription {
  channelId: string;
  /** Slack's answer that ended it. */
  reason: string;
  at: string;
  subscribedBy: string;
}
const teamIndex = (teamId: string) => storeKey('subscriptions:team', teamId);
export const subscriptionKey = (teamId: string, channelId: string) =>
  storeKey('subscription', teamId, channelId);

export class SubscriptionRepo {
  constructor(private readonly store: Store) {}

  get(teamId: string, channelId: string): Promise<Subscription | undefined> {
    return this.store.get<Subscription>(subscriptionKey(teamId, channelId));
  }

  async listTeam(teamId: string): Promise<Subscription[]> {
    const channels = await this.store.members(teamIndex(teamId));
    const values = await this.store.getMany<Subscription>(channels.map((c) => subscriptionKey(teamId, c)));
    return values.filter((s): s is Subscription => s !== undefined);
  }

  async listAll(): Promise<Subscription[]> {
    const teams = await this.store.members(TEAMS_INDEX);
    return (await Promise.all(teams.map((teamId) => this.listTeam(teamId)))).flat();
  }

  /** Saves the subscription; true when it replaced an existing one. */
  async put(subscription: Subscription): Promise<boolean> {
    const { teamId, channelId } = subscription;
    const existed = (await this.get(teamId, channelId)) !== undefined;
    await this.store.write(putWrites(subscription));
    return existed;
  }

  /** Removes the channel's subscription; true when there was one. */
  async remove(teamId: string, channelId: string): Promise<boolean> {
    const existed = await this.store.delete(subscriptionKey(teamId, channelId));
    await this.store.write([{ op: 'indexRemove', index: teamIndex(teamId), member: channelId }]);
    return existed;
  }

  /** Remembers (the last few) subscriptions that ended, newest first. */
  recordEnded(teamId: string, ended: EndedSubscription): Promise<void> {
    return updateAtomically<EndedSubscription[], void>(this.store, endedKey(teamId), (list = []) => ({
      next: [ended, ...list.filter((e) => e.channelId !== ended.channelId)].slice(0, ENDED_KEPT),
      result: undefined,
    }));
  }

  /** Remembers (the last few) messages Slack refused for good in this workspace, newest first. */
  recordDropped(teamId: string, dropped: DroppedMessage): Promise<void> {
    return updateAtomically<DroppedMessage[], void>(this.store, droppedKey(teamId), (list = []) => ({
      next: [dropped, ...list].slice(0, DROPPED_KEPT),
      result: undefined,
    }));
  }

  async listDropped(teamId: string): Promise<DroppedMessage[]> {
    return (await this.store.get<DroppedMessage[]>(droppedKey(teamId))) ?? [];
  }

  async listEnded(teamId: string): Promise<EndedSubscription[]> {
    return (await this.store.get<EndedSubscription[]>(endedKey(teamId))) ?? [];
  }

  /** Forgets a workspace entirely (uninstall, revoked tokens); returns how many channels it had. */
  async removeTeam(teamId: string): Promise<number> {
    const channels = await this.store.members(teamIndex(teamId));
    await this.store.write([
      ...channels.flatMap((c) => [
        { op: 'delete' as const, key: subscriptionKey(teamId, c) },
        { op: 'indexRemove' as const, index: teamIndex(teamId), member: c },
      ]),
      { op: 'indexRemove', index: TEAMS_INDEX, member: teamId },
    ]);
    return channels.length;
  }
}

/** The writes that store one subscription and index it: one atomic batch. */
export function putWrites(subscription: Subscription) {
  const { teamId, channelId } = subscription;
  return [
    { op: 'set' as const, key: subscriptionKey(teamId, channelId), value: subscription },
    { op: 'indexAdd' as const, index: teamIndex(teamId), member: channelId },
    { op: 'indexAdd' as const, index: TEAMS_INDEX, member: teamId },
  ];
}
