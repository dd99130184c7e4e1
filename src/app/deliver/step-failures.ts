/**
 * What a failed step does next, as the core's failure table says: free, keep or drop the claim; back off and show
 * as waiting, or list as dropped; report a configuration error; end a subscription whose channel is gone; and after
 * a lost claim, repair a late copy. One place, so the step runner only sends.
 */
import {
  type FailureVerdict,
  REFUSED_TWICE,
  type SlackSendError,
  type StepResult,
} from '../../core/deliver/slack-failures.js';
import { describeError } from '../../core/errors.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { Step } from '../../core/plan/types.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { DeliveryObserver, Log } from '../ports/observability.js';
import type { MessageSender } from '../ports/slack.js';
import type { StoreWrite } from '../ports/store.js';
import type { DroppedMessage } from '../subscriptions.js';
import type { DeliveryRecords } from './delivery-records.js';
import type { DeliveryWatch } from './delivery-watch.js';
import type { EditQueue } from './edit-queue.js';
import type { HeldChanges } from './held-changes.js';
import type { LateCopies, LateCopy } from './late-copies.js';
import type { SlackConfigProblems } from './slack-config.js';
import type { SubscriptionEndings } from './subscription-endings.js';
import type { ThreadRepository, Threads } from './thread-repository.js';

export interface StepRunnerDeps {
  records: DeliveryRecords;
  threads: ThreadRepository;
  edits: EditQueue;
  sender: MessageSender;
  config: SlackConfigProblems;
  log: Log;
  now: () => number;
  /** Ends a subscription whose channel Slack says is gone (and tells its subscriber). */
  endings: SubscriptionEndings;
  /** Repairs a paused process's late post that doubled another's. */
  lateCopies: LateCopies;
  /** Backs transient failures off, and tells what waits and what was dropped. */
  watch: DeliveryWatch;
  /** The flap guard's held changes. */
  held: HeldChanges;
  /** Keeps a message Slack refused for good where the workspace's App Home shows it. */
  dropped: (teamId: string, message: DroppedMessage) => Promise<void>;
  observer?: DeliveryObserver;
}

/** One step's try in one channel. */
export interface Attempt {
  subscription: Subscription;
  event: BotEvent;
  step: Step;
  threads: Threads;
  deliveryId: string;
  parentTs: string | undefined;
  since: number;
  context: { team: string; channel: string; event: string; step: string };
}

export class StepFailures {
  constructor(private readonly deps: StepRunnerDeps) {}

  configError(teamId: string, error: SlackSendError): void {
    this.deps.config.report(teamId, error.slackCode, error.message.split(':')[0] ?? 'slack');
    this.deps.observer?.delivery?.('config_error', error.slackCode);
  }

  async handle(error: SlackSendError, attempt: Attempt, verdict: FailureVerdict): Promise<StepResult> {
    const { records, log, observer } = this.deps;
    // An unanswered call made after the lease ran out may land next to another process's post: check later.
    if (error.failure === 'ambiguous' && records.lapsed(attempt.deliveryId)) this.sweepLater(attempt);
    if (verdict.claim === 'release') await records.release(attempt.deliveryId);
    else if (verdict.claim === 'drop')
      await records.recordDropped(attempt.deliveryId, error.slackCode, this.refusedParent(attempt, verdict));
    else records.abandon(attempt.deliveryId);
    if (verdict.outcome === 'config_error') this.configError(attempt.subscription.teamId, error);
    else if (verdict.outcome)
      observer?.delivery?.(verdict.outcome, error.failure === 'rate_limited' ? undefined : error.slackCode);
    if (verdict.log) {
      const reason = error.failure === 'ambiguous' ? describeError(error) : error.slackCode;
      log[verdict.log.level]({ ...attempt.context, reason }, verdict.log.message);
    }
    this.watch(attempt, verdict, error.slackCode);
    if (verdict === REFUSED_TWICE) await this.tellAppHome(attempt, error.slackCode);
    if (verdict.result === 'channel_gone')
      await this.deps.endings.ended(attempt.subscription, error.slackCode);
    return verdict.result === 'rerender' ? 'pending' : verdict.result;
  }

  /** Told, never fatal: the message is already recorded as dropped and the next one must not wait on this. */
  private async tellAppHome(attempt: Attempt, reason: string): Promise<void> {
    const { teamId, channelId } = attempt.subscription;
    try {
      await this.deps.dropped(teamId, { channelId, reason, at: new Date(this.deps.now()).toISOString() });
    } catch (error) {
      this.deps.log.warn({ ...attempt.context, err: error }, 'could not list a refused message in App Home');
    }
  }

  /** Transient failures back off and show as waiting; a refusal for good is listed as dropped. */
  private watch(attempt: Attempt, verdict: FailureVerdict, reason: string): void {
    const { deliveryId, context } = attempt;
    if (verdict.outcome === 'rate_limited') this.deps.watch.rateLimitedFor(context.event);
    if (verdict === REFUSED_TWICE) this.deps.watch.drop(deliveryId, { ...context, reason });
    else if (verdict.result === 'pending') this.deps.watch.failed(deliveryId, context, reason);
    else this.deps.watch.done(deliveryId);
  }

  /**
   * A parent Slack refused for good leaves its thread marked gone and refused: this event's replies are skipped,
   * and the incident's next event posts a fresh parent saying the earlier one could not be posted. Never a wall.
   */
  private refusedParent(attempt: Attempt, verdict: FailureVerdict): StoreWrite[] {
    const { step, subscription, threads } = attempt;
    if (verdict !== REFUSED_TWICE || step.kind !== 'parent' || !step.starts || !step.threadId) return [];
    const refused = { ...step.starts, parentTs: '', gone: true, refused: true };
    threads[step.threadId] = refused;
    return [this.deps.threads.writeFor(subscription.teamId, subscription.channelId, refused)];
  }

  /** Sweeps this delivery for a late copy once the send window has settled. */
  sweepLater(attempt: Attempt): void {
    this.deps.lateCopies.sweepSoon(this.lateCopy(attempt));
  }

  private lateCopy(attempt: Attempt): LateCopy {
    const { subscription, step } = attempt;
    return {
      teamId: subscription.teamId,
      channelId: subscription.channelId,
      deliveryId: attempt.deliveryId,
      since: attempt.since,
      ...(step.kind === 'reply' && attempt.parentTs ? { threadTs: attempt.parentTs } : {}),
    };
  }
}
