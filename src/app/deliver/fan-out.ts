/**
 * Delivers queued events to every subscribed channel. Workspaces go in parallel, each with its own pool of
 * channel workers, so one workspace's rate limit never slows another; within a channel, events stay in order.
 * Returns the ids every channel now has (or can never have); the rest stay queued for the next pass.
 */
import type { BotEvent } from '../../core/detect/events.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { DeliveryObserver, EventSink, Log } from '../ports.js';
import type { SubscriptionRepo } from '../subscriptions.js';
import type { ChannelSequence } from './channel-sequence.js';

/** Channels of one workspace worked on at once; the workspace's pacer sets the actual rate. */
const CHANNELS_IN_FLIGHT_PER_TEAM = 16;

export interface FanOutDeps {
  subscriptions: SubscriptionRepo;
  sequence: ChannelSequence;
  log: Log;
  observer?: DeliveryObserver;
}

export class SlackDelivery implements EventSink {
  private readonly goneTeams = new Set<string>();

  constructor(private readonly deps: FanOutDeps) {}

  async deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]> {
    const subscriptions = await this.deps.subscriptions.listAll();
    this.deps.observer?.subscriptions?.(subscriptions);
    const byTeam = new Map<string, Subscription[]>();
    for (const sub of subscriptions) byTeam.set(sub.teamId, [...(byTeam.get(sub.teamId) ?? []), sub]);
    const pending = new Set<string>();
    await Promise.all(
      [...byTeam.values()].map(async (queue) => {
        const workers = Array.from(
          { length: Math.min(CHANNELS_IN_FLIGHT_PER_TEAM, queue.length) },
          async () => {
            for (let sub = queue.shift(); sub; sub = queue.shift()) {
              for (const id of await this.deliverToChannel(sub, events, signal)) pending.add(id);
            }
          },
        );
        await Promise.all(workers);
      }),
    );
    return events.filter((e) => !pending.has(e.id)).map((e) => e.id);
  }

  private async deliverToChannel(
    subscription: Subscription,
    events: BotEvent[],
    signal?: AbortSignal,
  ): Promise<string[]> {
    const { teamId, channelId } = subscription;
    const result = await this.deps.sequence.deliver(subscription, events, signal, () =>
      this.goneTeams.has(teamId),
    );
    if (result.gone === 'channel') await this.deps.subscriptions.remove(teamId, channelId);
    if (result.gone === 'workspace' && !this.goneTeams.has(teamId)) {
      this.goneTeams.add(teamId);
      const removed = await this.deps.subscriptions.removeTeam(teamId);
      this.deps.log.warn(
        { team: teamId, subscriptionsRemoved: removed },
        'workspace token no longer works; removed its subscriptions',
      );
    }
    return result.pending;
  }
}
