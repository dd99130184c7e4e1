/**
 * Runs one planned step in one channel, exactly once: claim its delivery record, look up an earlier attempt that
 * may have reached Slack, send with the delivery id in the message metadata, record Slack's ts together with the
 * thread it changes. An edit is not sent here: it is queued for the edit lane, so new posts never wait for edits.
 * A failed call is handled as the core's failure table says; a failed lookup is never a verdict on the channel.
 */

import {
  FAILURE_VERDICTS,
  lookupFailure,
  REFUSED_TWICE,
  SlackSendError,
  type StepResult,
} from '../../core/deliver/slack-failures.js';
import { BotError, isBotError } from '../../core/errors.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import { threadAfter } from '../../core/plan/thread-transitions.js';
import type { Step } from '../../core/plan/types.js';
import { renderMessage } from '../../core/render/message.js';
import { renderMinimal } from '../../core/render/minimal.js';
import type { RenderedMessage } from '../../core/render/types.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { StoreWrite } from '../ports/store.js';
import { type Attempt, StepFailures, type StepRunnerDeps } from './step-failures.js';
import type { Threads } from './thread-repository.js';

/** The delivery's id in the store and in the message metadata: encoded ids, then the step key (already encoded). */
export function deliveryIdOf(teamId: string, channelId: string, stepKey: string): string {
  return `${encodeURIComponent(teamId)}:${encodeURIComponent(channelId)}:${stepKey}`;
}

export class StepRunner {
  private readonly failures: StepFailures;

  constructor(private readonly deps: StepRunnerDeps) {
    this.failures = new StepFailures(deps);
  }

  async run(subscription: Subscription, event: BotEvent, step: Step, threads: Threads): Promise<StepResult> {
    const { teamId, channelId } = subscription;
    const deliveryId = deliveryIdOf(teamId, channelId, step.key);
    const thread = step.threadId ? threads[step.threadId] : undefined;
    const parentTs = thread && !thread.gone ? thread.parentTs : undefined;
    if ((step.kind === 'reply' || step.kind === 'edit') && !parentTs) return 'message_gone';
    // A transient failure backs off (doubling up to 5 minutes) instead of being retried on every pass.
    if (this.deps.watch.backingOff(deliveryId)) return 'pending';

    const claim = await this.deps.records.claim(deliveryId);
    if (claim.kind === 'sent') {
      // Delivered before (another replica, an earlier run); make sure the thread knows it.
      const next = this.nextThread(step, threads, claim.ts);
      if (next) await this.deps.threads.save(teamId, channelId, next);
      this.remember(step, threads, next);
      this.deps.observer?.delivery?.('skipped_sent');
      return 'done';
    }
    const context = { team: teamId, channel: channelId, event: event.id, step: step.kind };
    if (claim.kind === 'dropped') return 'done';
    if (claim.kind === 'busy') {
      this.deps.observer?.delivery?.('busy');
      this.deps.watch.held(deliveryId, context, 'claimed by another process');
      return 'pending';
    }
    const attempt: Attempt = {
      subscription,
      event,
      step,
      threads,
      deliveryId,
      parentTs,
      // A parent whose thread record may have been lost is looked for back to the incident's start.
      since: step.lookBackTo ? Math.min(claim.since, Date.parse(step.lookBackTo)) : claim.since,
      context,
    };
    try {
      if (step.kind === 'edit') return await this.queueEdit(attempt);
      if (step.kind === 'hold') return await this.hold(attempt);
      const found = claim.lookUpFirst || step.lookBackTo ? await this.lookUp(attempt) : undefined;
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
      return this.failures.handle(error, attempt, FAILURE_VERDICTS[error.failure]);
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
      this.failures.sweepLater(attempt);
      this.deps.log.warn({ ...attempt.context, ts }, 'posted after another process took this delivery over');
      return;
    }
    this.remember(step, threads, next);
    this.deps.watch.done(attempt.deliveryId);
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
      if (verdict === 'configuration') this.failures.configError(subscription.teamId, error);
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
        await this.failures.handle(again, attempt, REFUSED_TWICE);
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
    this.deps.watch.sentFor(attempt.event.id, `${subscription.teamId}/${subscription.channelId}`);
    this.deps.observer?.delivery?.('sent');
    this.deps.observer?.latency?.(attempt.event.at, this.deps.now());
    return sent.ts;
  }

  /** A flap-guarded change: nothing is posted now; it is held in the store until it has lasted the window. */
  private async hold(attempt: Attempt): Promise<StepResult> {
    const { step, subscription, event, deliveryId } = attempt;
    if (step.hold) {
      const confirmMs = Date.parse(step.hold.dueAt) - Date.parse(event.at);
      // Held first (idempotent), recorded after: a crash between holds it again, never loses it.
      await this.deps.held.hold(
        subscription.teamId,
        subscription.channelId,
        step.hold.changes,
        event.at,
        confirmMs,
      );
    }
    await this.deps.records.recordSent(deliveryId, 'held');
    return 'done';
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

  private nextThread(step: Step, threads: Threads, ts: string) {
    return step.threadId ? threadAfter(threads[step.threadId], step, ts) : undefined;
  }

  private remember(step: Step, threads: Threads, next: ReturnType<typeof threadAfter>): void {
    if (step.threadId && next) threads[step.threadId] = next;
  }
}
