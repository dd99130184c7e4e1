/**
 * Delivers queued events to every subscribed channel. Workspaces go in parallel, each with its own pool of
 * channel workers, so one workspace's rate limit never slows another. Within a workspace channels take turns:
 * a turn delivers one channel's next event, then the channel goes to the back of the queue, so every channel gets
 * an update before any channel gets the next one (news never waits behind another channel's backlog), while each
 * channel's events stay in order. Returns the ids every channel now has (or can never have); the rest stay queued.
 */
import type { BotEvent } from '../../core/events/bot-event.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { Destination } from '../ports/destinations.js';
import type { DeliveryObserver, Log } from '../ports/observability.js';
import type { SubscriptionRepo } from '../subscriptions.js';
import type { ChannelSequence } from './channel-sequence.js';
import type { DeliveryWatch } from './delivery-watch.js';

/** One channel's place in the pass: the index of the next event it needs. */
interface Turn {
  sub: Subscription;
  next: number;
}

/** Channels of one workspace worked on at once; the workspace's pacer sets the actual rate. */
const CHANNELS_IN_FLIGHT_PER_TEAM = 16;

export interface FanOutDeps {
  subscriptions: SubscriptionRepo;
  sequence: ChannelSequence;
  log: Log;
  observer?: DeliveryObserver;
  /** Tallies what each event reached, for its "event delivered" line. */
  watch: DeliveryWatch;
  now: () => number;
}

export class SlackDelivery implements Destination {
  readonly name = 'slack';
  private readonly goneTeams = new Set<string>();

  constructor(private readonly deps: FanOutDeps) {}

  async deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]> {
    const subscriptions = await this.deps.subscriptions.listAll();
    this.deps.observer?.subscriptions?.(subscriptions);
    const byTeam = new Map<string, Turn[]>();
    for (const sub of subscriptions)
      byTeam.set(sub.teamId, [...(byTeam.get(sub.teamId) ?? []), { sub, next: 0 }]);
    const pending = new Set<string>();
    await Promise.all(
      [...byTeam.values()].map(async (queue) => {
        const workers = Array.from(
          { length: Math.min(CHANNELS_IN_FLIGHT_PER_TEAM, queue.length) },
          async () => {
            for (let turn = queue.shift(); turn; turn = queue.shift()) {
              const event = events[turn.next];
              if (!event) continue;
              const { pending: left, gone } = await this.deliverToChannel(turn.sub, [event], signal);
              if (gone) continue; // the subscription ended (or its workspace did): nothing more goes there
              if (left.length > 0) {
                // This channel stops here for now; what it still needs stays queued, in order.
                for (const e of events.slice(turn.next)) pending.add(e.id);
                continue;
              }
              turn.next += 1;
              if (turn.next < events.length && !this.goneTeams.has(turn.sub.teamId)) queue.push(turn);
            }
          },
        );
        await Promise.all(workers);
      }),
    );
    const done = events.filter((e) => !pending.has(e.id));
    for (const event of done) this.logDelivered(event);
    return done.map((e) => e.id);
  }

  /** One line per event delivered everywhere: what, to how many channels, how long it took, how many 429s. */
  private logDelivered(event: BotEvent): void {
    const tally = this.deps.watch.finished(event.id);
    this.deps.log.info(
      {
        event: event.id,
        kind: event.kind,
        channels: tally?.channels.size ?? 0,
        durationMs: tally ? Math.max(0, this.deps.now() - tally.firstMs) : 0,
        rateLimited: tally?.rateLimited ?? 0,
      },
      'event delivered',
    );
  }

  private async deliverToChannel(
    subscription: Subscription,
    events: BotEvent[],
    signal?: AbortSignal,
  ): Promise<{ pending: string[]; gone: boolean }> {
    const { teamId } = subscription;
    const result = await this.deps.sequence.deliver(subscription, events, signal, () =>
      this.goneTeams.has(teamId),
    );
    if (result.gone === 'workspace' && !this.goneTeams.has(teamId)) {
      this.goneTeams.add(teamId);
      const removed = await this.deps.subscriptions.removeTeam(teamId);
      this.deps.log.warn(
        { team: teamId, subscriptionsRemoved: removed },
        'workspace token no longer works; removed its subscriptions',
      );
    }
    return { pending: result.pending, gone: result.gone !== undefined };
  }
}
