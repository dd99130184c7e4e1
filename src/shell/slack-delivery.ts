/**
 * Delivers events to every subscribed channel. Per channel, events go strictly in order (a thread reply never
 * overtakes its parent); channels and workspaces go independently, so one rate-limited or failing channel
 * holds up only itself. Each step is planned by the pure core and sent through DeliveryRecords, which makes
 * it happen once per channel however often this runs.
 */
import type { Logger } from 'pino';
import type { BotEvent } from '../core/model.js';
import { plan, type Step, type ThreadState, threadIdsFor } from '../core/plan.js';
import type { Subscription } from '../core/subscription.js';
import { describeError, SlackSendError } from '../errors.js';
import type { DeliveryRecords } from './delivery-records.js';
import type { EventSink, MessageSender, Store } from './ports.js';
import type { SubscriptionRepo } from './subscriptions.js';

const THREAD_TTL_MS = 90 * 24 * 3600 * 1000;
const RESOLVED_THREAD_TTL_MS = 30 * 24 * 3600 * 1000;
/** Channels of one workspace worked on at once; the workspace's pacer sets the actual rate. */
const CHANNELS_IN_FLIGHT_PER_TEAM = 16;

export type DeliveryOutcome =
  | 'sent'
  | 'found'
  | 'skipped_sent'
  | 'rate_limited'
  | 'retried'
  | 'dropped'
  | 'busy';

export interface DeliveryObserver {
  subscriptions?(all: Subscription[]): void;
  delivery?(outcome: DeliveryOutcome, reason?: string): void;
  latency?(eventAt: string, sentAt: number): void;
}

export interface SlackDeliveryDeps {
  subscriptions: SubscriptionRepo;
  records: DeliveryRecords;
  store: Store;
  sender: MessageSender;
  log: Logger;
  statusPageUrl: string;
  now: () => number;
  observer?: DeliveryObserver;
}

type ChannelResult = 'done' | 'pending' | 'channel_gone' | 'workspace_gone';

const threadKey = (teamId: string, channelId: string, incidentId: string) =>
  `thread:${teamId}:${channelId}:${incidentId}`;

export class SlackDelivery implements EventSink {
  private readonly goneTeams = new Set<string>();

  constructor(private readonly deps: SlackDeliveryDeps) {}

  async deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]> {
    const subscriptions = await this.deps.subscriptions.listAll();
    this.deps.observer?.subscriptions?.(subscriptions);
    const byTeam = new Map<string, Subscription[]>();
    for (const sub of subscriptions) byTeam.set(sub.teamId, [...(byTeam.get(sub.teamId) ?? []), sub]);
    const pending = new Set<string>();
    // Every workspace at once, each with its own pool: one workspace's rate limit never slows another.
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

  /** Sends the channel its events in order; returns the ids of events it still owes the channel. */
  private async deliverToChannel(
    subscription: Subscription,
    events: BotEvent[],
    signal?: AbortSignal,
  ): Promise<string[]> {
    const { teamId, channelId } = subscription;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as BotEvent;
      if (this.goneTeams.has(teamId)) return [];
      if (signal?.aborted) return events.slice(i).map((e) => e.id);
      let result: ChannelResult;
      try {
        result = await this.deliverEvent(subscription, event);
      } catch (error) {
        // The store failed (loudly): keep everything pending rather than guess.
        this.deps.log.warn(
          { team: teamId, channel: channelId, event: event.id, err: error },
          'delivery failed; will retry',
        );
        result = 'pending';
      }
      if (result === 'pending') return events.slice(i).map((e) => e.id);
      if (result === 'channel_gone') {
        await this.deps.subscriptions.remove(teamId, channelId);
        return [];
      }
      if (result === 'workspace_gone') {
        this.goneTeams.add(teamId);
        const removed = await this.deps.subscriptions.removeTeam(teamId);
        this.deps.log.warn(
          { team: teamId, subscriptionsRemoved: removed },
          'workspace token no longer works; removed its subscriptions',
        );
        return [];
      }
    }
    return [];
  }

  private async deliverEvent(subscription: Subscription, event: BotEvent): Promise<ChannelResult> {
    const { teamId, channelId } = subscription;
    const threads: Record<string, ThreadState | undefined> = {};
    for (const id of threadIdsFor(event))
      threads[id] = await this.deps.store.get<ThreadState>(threadKey(teamId, channelId, id));

    // A deleted parent restarts the thread: plan again with the thread marked gone (at most twice).
    for (let attempt = 0; attempt < 3; attempt++) {
      const steps = plan({ event, subscription, threads, statusPageUrl: this.deps.statusPageUrl });
      let restart = false;
      for (const step of steps) {
        const result = await this.runStep(subscription, event, step, threads);
        if (result === 'message_gone' && step.incidentId) {
          const thread = threads[step.incidentId];
          if (thread) threads[step.incidentId] = { ...thread, gone: true };
          restart = true;
          break;
        }
        if (result !== 'done') return result === 'message_gone' ? 'pending' : result;
      }
      if (!restart) return 'done';
    }
    return 'pending';
  }

  private async runStep(
    subscription: Subscription,
    event: BotEvent,
    step: Step,
    threads: Record<string, ThreadState | undefined>,
  ): Promise<ChannelResult | 'message_gone'> {
    const { teamId, channelId } = subscription;
    const deliveryId = `${teamId}:${channelId}:${step.key}`;
    const context = { team: teamId, channel: channelId, event: event.id, step: step.kind };
    const thread = step.incidentId ? threads[step.incidentId] : undefined;
    const parentTs = thread && !thread.gone ? thread.parentTs : undefined;
    if ((step.kind === 'reply' || step.kind === 'edit') && !parentTs) return 'message_gone';

    const claim = await this.deps.records.claim(deliveryId);
    if (claim.kind === 'sent') {
      await this.applyThread(subscription, step, threads, claim.ts);
      this.deps.observer?.delivery?.('skipped_sent');
      return 'done';
    }
    if (claim.kind === 'dropped') return 'done';
    if (claim.kind === 'busy') {
      this.deps.observer?.delivery?.('busy');
      return 'pending';
    }

    try {
      let ts: string | undefined;
      if (claim.lookUpFirst && step.kind !== 'edit') {
        ts = await this.deps.sender.find(
          teamId,
          channelId,
          deliveryId,
          step.kind === 'reply' ? parentTs : undefined,
        );
        if (ts)
          this.deps.log.info(
            { ...context, delivery: deliveryId },
            'found an unrecorded delivery in Slack; not sending it again',
          );
        this.deps.observer?.delivery?.(ts ? 'found' : 'retried');
      }
      if (!ts) {
        if (step.kind === 'edit') {
          await this.deps.sender.update(teamId, channelId, parentTs as string, step.message);
          ts = parentTs as string;
        } else {
          const sent = await this.deps.sender.post(teamId, channelId, step.message, {
            deliveryId,
            ...(step.kind === 'reply' ? { threadTs: parentTs as string } : {}),
            ...(step.broadcast ? { broadcast: true } : {}),
          });
          ts = sent.ts;
        }
        this.deps.observer?.delivery?.('sent');
        this.deps.observer?.latency?.(event.at, this.deps.now());
      }
      await this.deps.records.recordSent(deliveryId, ts);
      await this.applyThread(subscription, step, threads, ts);
      this.deps.log.debug({ ...context, ts }, 'delivered');
      return 'done';
    } catch (error) {
      if (!(error instanceof SlackSendError)) {
        this.deps.records.abandon(deliveryId);
        throw error;
      }
      return this.onFailure(error, deliveryId, claim.record, context);
    }
  }

  private async onFailure(
    error: SlackSendError,
    deliveryId: string,
    record: Parameters<DeliveryRecords['release']>[1],
    context: Record<string, string>,
  ): Promise<ChannelResult | 'message_gone'> {
    const { records, log, observer } = this.deps;
    switch (error.failure) {
      case 'rate_limited':
        await records.release(deliveryId, record);
        observer?.delivery?.('rate_limited');
        return 'pending';
      case 'not_posted':
        await records.release(deliveryId, record);
        observer?.delivery?.('retried', error.slackCode);
        return 'pending';
      case 'ambiguous':
        // Leave the claim: whoever retries looks the message up before sending again.
        records.abandon(deliveryId);
        observer?.delivery?.('retried', error.slackCode);
        log.warn(
          { ...context, reason: describeError(error) },
          'Slack did not confirm a post; will check before retrying',
        );
        return 'pending';
      case 'message_gone':
        await records.release(deliveryId, record);
        log.warn(
          { ...context, reason: error.slackCode },
          'incident message was deleted in Slack; starting a new thread',
        );
        return 'message_gone';
      case 'channel_gone':
        await records.recordDropped(deliveryId, error.slackCode);
        observer?.delivery?.('dropped', error.slackCode);
        log.warn(
          { ...context, reason: error.slackCode },
          'channel is gone or closed to the bot; removed its subscription',
        );
        return 'channel_gone';
      case 'workspace_gone':
        await records.release(deliveryId, record);
        observer?.delivery?.('dropped', error.slackCode);
        return 'workspace_gone';
      case 'rejected':
        await records.recordDropped(deliveryId, error.slackCode);
        observer?.delivery?.('dropped', error.slackCode);
        log.error({ ...context, reason: error.slackCode }, 'Slack refused a message; dropped it');
        return 'done';
    }
  }

  private async applyThread(
    subscription: Subscription,
    step: Step,
    threads: Record<string, ThreadState | undefined>,
    ts: string,
  ): Promise<void> {
    if (!step.incidentId || !step.thread) return;
    const before = threads[step.incidentId];
    const next =
      step.kind === 'parent'
        ? ({ ...(step.thread as ThreadState), parentTs: ts } satisfies ThreadState)
        : before
          ? { ...before, ...step.thread }
          : undefined;
    if (!next) return;
    threads[step.incidentId] = next;
    const ttl = next.resolved ? RESOLVED_THREAD_TTL_MS : THREAD_TTL_MS;
    await this.deps.store.set(
      threadKey(subscription.teamId, subscription.channelId, step.incidentId),
      next,
      ttl,
    );
  }
}
