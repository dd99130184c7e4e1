/**
 * Runs one planned step in one channel, exactly once: claim its delivery record, look up an earlier attempt that
 * may have reached Slack, send with the delivery id in the message metadata, record Slack's ts together with the
 * thread it changes. An edit is not sent here: it is queued for the edit lane, so new posts never wait for edits.
 * A failed call is handled as the core's failure table says; a failed lookup is never a verdict on the channel.
 */

import {
  FAILURE_VERDICTS,
  type FailureVerdict,
  lookupFailure,
  REFUSED_TWICE,
  SlackSendError,
  type StepResult,
} from '../../core/deliver/slack-failures.js';
import { BotError, describeError, isBotError } from '../../core/errors.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import { threadAfter } from '../../core/plan/thread-transitions.js';
import type { Step } from '../../core/plan/types.js';
import { renderMessage } from '../../core/render/message.js';
import { renderMinimal } from '../../core/render/minimal.js';
import type { RenderedMessage } from '../../core/render/types.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { DeliveryObserver, Log } from '../ports/observability.js';
import type { MessageSender } from '../ports/slack.js';
import type { StoreWrite } from '../ports/store.js';
import type { DeliveryRecords } from './delivery-records.js';
import type { EditQueue } from './edit-queue.js';
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
  observer?: DeliveryObserver;
}

/** The delivery's id in the store and in the message metadata: encoded ids, then the step key (already encoded). */
export function deliveryIdOf(teamId: string, channelId: string, stepKey: string): string {
  return `${encodeURIComponent(teamId)}:${encodeURIComponent(channelId)}:${stepKey}`;
}

interface Attempt {
  subscription: Subscription;
  event: BotEvent;
  step: Step;
  threads: Threads;
  deliveryId: string;
  parentTs: string | undefined;
  since: number;
  context: Record<string, string>;
}

export class StepRunner {
  constructor(private readonly deps: StepRunnerDeps) {}

  async run(subscription: Subscription, event: BotEvent, step: Step, threads: Threads): Promise<StepResult> {
    const { teamId, channelId } = subscription;
    const deliveryId = deliveryIdOf(teamId, channelId, step.key);
    const thread = step.threadId ? threads[step.threadId] : undefined;
    const parentTs = thread && !thread.gone ? thread.parentTs : undefined;
    if ((step.kind === 'reply' || step.kind === 'edit') && !parentTs) return 'message_gone';

    const claim = await this.deps.records.claim(deliveryId);
    if (claim.kind === 'sent') {
      // Delivered before (another replica, an earlier run); make sure the thread knows it.
      const next = this.nextThread(step, threads, claim.ts);
      if (next) await this.deps.threads.save(teamId, channelId, next);
      this.remember(step, threads, next);
      this.deps.observer?.delivery?.('skipped_sent');
      return 'done';
    }
    if (claim.kind === 'dropped') return 'done';
    if (claim.kind === 'busy') {
      this.deps.observer?.delivery?.('busy');
      return 'pending';
    }
    const context = { team: teamId, channel: channelId, event: event.id, step: step.kind };
    const attempt: Attempt = {
      subscription,
      event,
      step,
      threads,
      deliveryId,
      parentTs,
      since: claim.since,
      context,
    };
    try {
      if (step.kind === 'edit') return await this.queueEdit(attempt);
      const found = claim.lookUpFirst ? await this.lookUp(attempt) : undefined;
      if (found === 'pending' || found === 'message_gone') {
        this.deps.records.abandon(deliveryId);
        return found;
      }
      const ts = found ?? (await this.sendOrRerender(attempt));
      if (ts === undefined) return 'done'; // refused twice: dropped
      await this.commit(attempt, ts);
      return 'done';
    } catch (error) {
      if (isBotError(error, 'CLAIM_LOST')) return this.steppedBack(attempt);
      if (!(error instanceof SlackSendError)) {
        this.deps.records.abandon(deliveryId);
        throw error;
      }
      return this.onFailure(error, attempt, FAILURE_VERDICTS[error.failure]);
    }
  }

  /** The record and the thread it changes (and a queued edit) are one write; memory changes only once it succeeded. */
  private async commit(attempt: Attempt, ts: string, alongside: StoreWrite[] = []): Promise<void> {
    const { subscription, step, threads } = attempt;
    const next = this.nextThread(step, threads, ts);
    const threadWrite = next
      ? [this.deps.threads.writeFor(subscription.teamId, subscription.channelId, next)]
      : [];
    if (!(await this.deps.records.recordSent(attempt.deliveryId, ts, [...threadWrite, ...alongside]))) {
      // Taken over while the call was out: the other process may have posted too. Its record stands; ours, if it
      // doubled theirs, is deleted once the send window has settled.
      this.deps.lateCopies.sweepSoon(this.lateCopy(attempt));
      this.deps.log.warn({ ...attempt.context, ts }, 'posted after another process took this delivery over');
      return;
    }
    this.remember(step, threads, next);
    this.deps.log.debug({ ...attempt.context, ts }, 'delivered');
  }

  /** An edit waits in the queue for the edit lane, replacing any older edit of the same parent. */
  private async queueEdit(attempt: Attempt): Promise<StepResult> {
    const { subscription, step, threads } = attempt;
    const parentTs = attempt.parentTs as string;
    const next = this.nextThread(step, threads, parentTs);
    const edit = {
      teamId: subscription.teamId,
      channelId: subscription.channelId,
      threadId: step.threadId as string,
      parentTs,
      message: renderMessage(step.message),
      queuedAt: this.deps.now(),
      final: Boolean(next?.resolved),
    };
    await this.commit(attempt, parentTs, this.deps.edits.writesFor(edit));
    return 'done';
  }

  /**
   * An earlier attempt may have reached Slack: find it by its metadata instead of posting twice. A lookup that
   * cannot work here (the bot cannot read the channel) means posting again: at least once rather than lost.
   */
  private async lookUp(attempt: Attempt): Promise<string | 'pending' | 'message_gone' | undefined> {
    const { subscription, step, context } = attempt;
    try {
      const ts = await this.deps.sender.find(
        subscription.teamId,
        subscription.channelId,
        attempt.deliveryId,
        {
          ...(step.kind === 'reply' && attempt.parentTs ? { threadTs: attempt.parentTs } : {}),
          oldestMs: attempt.since,
        },
      );
      if (ts)
        this.deps.log.info(
          { ...context, delivery: attempt.deliveryId },
          'found an unrecorded delivery in Slack; not sending it again',
        );
      this.deps.observer?.delivery?.(ts ? 'found' : 'retried');
      return ts;
    } catch (error) {
      if (!(error instanceof SlackSendError)) throw error;
      const verdict = lookupFailure(error.failure);
      if (verdict === 'cannot_look') {
        this.deps.observer?.delivery?.('unverified_resend', error.slackCode);
        this.deps.log.warn(
          { ...context, reason: error.slackCode },
          'cannot look up an unconfirmed post in this channel; posting again (at least once rather than lost)',
        );
        return undefined;
      }
      if (verdict === 'configuration') this.configError(subscription.teamId, error);
      return verdict === 'thread_gone' ? 'message_gone' : 'pending';
    }
  }

  /** Sends the step; when Slack refuses the message itself, sends it again re-rendered minimal. */
  private async sendOrRerender(attempt: Attempt): Promise<string | undefined> {
    try {
      return await this.send(attempt, renderMessage(attempt.step.message));
    } catch (error) {
      if (!(error instanceof SlackSendError) || error.failure !== 'rejected') throw error;
      this.deps.log.warn(
        { ...attempt.context, reason: error.slackCode },
        'Slack refused a message; sending it re-rendered minimal',
      );
      try {
        const ts = await this.send(attempt, renderMinimal(renderMessage(attempt.step.message)));
        this.deps.observer?.delivery?.('rerendered', error.slackCode);
        return ts;
      } catch (again) {
        if (!(again instanceof SlackSendError) || again.failure !== 'rejected') throw again;
        await this.onFailure(again, attempt, REFUSED_TWICE);
        return undefined;
      }
    }
  }

  private async send(attempt: Attempt, message: RenderedMessage): Promise<string> {
    const { subscription, step } = attempt;
    const sent = await this.deps.sender.post(subscription.teamId, subscription.channelId, message, {
      deliveryId: attempt.deliveryId,
      beforeCall: () => this.stillOurs(attempt.deliveryId),
      ...(step.kind === 'reply' ? { threadTs: attempt.parentTs as string } : {}),
      ...(step.broadcast ? { broadcast: true } : {}),
    });
    this.deps.config.clear(subscription.teamId);
    this.deps.observer?.delivery?.('sent');
    this.deps.observer?.latency?.(attempt.event.at, this.deps.now());
    return sent.ts;
  }

  /** Right before the call, after every wait: the claim must still be ours (renewed), or nothing is sent. */
  private async stillOurs(deliveryId: string): Promise<void> {
    if (!(await this.deps.records.renew(deliveryId)))
      throw new BotError('CLAIM_LOST', 'another process took this delivery over while this one waited');
  }

  /** Another process took the claim over while this one waited (or was paused): it delivers; this one sends nothing. */
  private steppedBack(attempt: Attempt): StepResult {
    this.deps.records.abandon(attempt.deliveryId);
    this.deps.observer?.delivery?.('busy');
    this.deps.log.info(
      { ...attempt.context, delivery: attempt.deliveryId },
      'another process took this delivery over while this one waited; not sending it',
    );
    return 'pending';
  }

  private configError(teamId: string, error: SlackSendError): void {
    this.deps.config.report(teamId, error.slackCode, error.message.split(':')[0] ?? 'slack');
    this.deps.observer?.delivery?.('config_error', error.slackCode);
  }

  private async onFailure(
    error: SlackSendError,
    attempt: Attempt,
    verdict: FailureVerdict,
  ): Promise<StepResult> {
    const { records, log, observer } = this.deps;
    // An unanswered call made after the lease ran out may land next to another process's post: check later.
    if (error.failure === 'ambiguous' && records.lapsed(attempt.deliveryId))
      this.deps.lateCopies.sweepSoon(this.lateCopy(attempt));
    if (verdict.claim === 'release') await records.release(attempt.deliveryId);
    else if (verdict.claim === 'drop') await records.recordDropped(attempt.deliveryId, error.slackCode);
    else records.abandon(attempt.deliveryId);
    if (verdict.outcome === 'config_error') this.configError(attempt.subscription.teamId, error);
    else if (verdict.outcome)
      observer?.delivery?.(verdict.outcome, error.failure === 'rate_limited' ? undefined : error.slackCode);
    if (verdict.log) {
      const reason = error.failure === 'ambiguous' ? describeError(error) : error.slackCode;
      log[verdict.log.level]({ ...attempt.context, reason }, verdict.log.message);
    }
    if (verdict.result === 'channel_gone')
      await this.deps.endings.ended(attempt.subscription, error.slackCode);
    return verdict.result === 'rerender' ? 'pending' : verdict.result;
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

  private nextThread(step: Step, threads: Threads, ts: string) {
    return step.threadId ? threadAfter(threads[step.threadId], step, ts) : undefined;
  }

  private remember(step: Step, threads: Threads, next: ReturnType<typeof threadAfter>): void {
    if (step.threadId && next) threads[step.threadId] = next;
  }
}
