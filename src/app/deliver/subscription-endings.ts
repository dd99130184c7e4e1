/**
 * A subscription that really ended (Slack's answer to a post: the channel archived or deleted, the bot removed
 * from a private channel) is removed, remembered for App Home, logged at warn, counted, and told to whoever set
 * it up, by DM, saying which channel and why. Lookups never end a subscription; only the post or edit itself.
 */
import { renderSubscriptionEnded } from '../../core/render/subscription-ended.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { DeliveryObserver, Log } from '../ports/observability.js';
import type { MessageSender } from '../ports/slack.js';
import type { SubscriptionRepo } from '../subscriptions.js';

export class SubscriptionEndings {
  constructor(
    private readonly deps: {
      subscriptions: SubscriptionRepo;
      sender: MessageSender;
      log: Log;
      now: () => number;
      observer?: DeliveryObserver;
      refreshHome: (teamId: string) => Promise<void>;
    },
  ) {}

  async ended(subscription: Subscription, reason: string): Promise<void> {
    const { teamId, channelId, updatedBy } = subscription;
    if (!(await this.deps.subscriptions.remove(teamId, channelId))) return; // another worker told it already
    const at = new Date(this.deps.now()).toISOString();
    await this.deps.subscriptions.recordEnded(teamId, { channelId, reason, at, subscribedBy: updatedBy });
    this.deps.observer?.subscriptionEnded?.(reason);
    this.deps.log.warn(
      { team: teamId, channel: channelId, reason, subscribedBy: updatedBy },
      'subscription ended: the channel is gone or closed to the bot',
    );
    try {
      await this.deps.sender.post(teamId, updatedBy, renderSubscriptionEnded(channelId, reason), {
        deliveryId: `ended:${encodeURIComponent(teamId)}:${encodeURIComponent(channelId)}:${at}`,
      });
    } catch (error) {
      this.deps.log.warn(
        { team: teamId, user: updatedBy, err: error },
        'could not tell the subscriber that the subscription ended',
      );
    }
    await this.deps.refreshHome(teamId);
  }
}
