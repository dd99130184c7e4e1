/** A workspace that uninstalled the app or revoked its bot token is forgotten: nothing is posted there again. */
import type { AppHome } from './home.js';
import type { WorkspaceLifecyclePort } from './ports/driving.js';
import type { DeliveryObserver, Log } from './ports/observability.js';
import type { Installations } from './ports/slack.js';
import type { SubscriptionRepo } from './subscriptions.js';

export class WorkspaceLifecycle implements WorkspaceLifecyclePort {
  constructor(
    private readonly deps: {
      subscriptions: SubscriptionRepo;
      home: AppHome;
      installations?: Installations;
      log: Log;
      observer?: DeliveryObserver;
    },
  ) {}

  async removed(teamId: string, reason: string): Promise<void> {
    const removed = await this.deps.subscriptions.removeTeam(teamId);
    this.deps.home.forgetTeam(teamId);
    await this.deps.installations?.remove(teamId);
    // The token no longer works, so nobody can be told in Slack: the log and the metric are the record.
    if (removed > 0) this.deps.observer?.subscriptionEnded?.(reason);
    this.deps.log.warn(
      { team: teamId, reason, subscriptionsRemoved: removed },
      'workspace removed; its subscriptions ended',
    );
  }
}
