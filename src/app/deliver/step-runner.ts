/**
 * Runs one planned step in one channel, exactly once: claim its delivery record, look up an earlier attempt
 * that may have reached Slack, send with the delivery id in the message metadata, record Slack's ts, update
 * the thread. A Slack failure is handled as the core's failure table says.
 */

import { FAILURE_VERDICTS, type StepResult } from '../../core/deliver/slack-failures.js';
import { threadAfter } from '../../core/deliver/thread-transitions.js';
import type { BotEvent } from '../../core/detect/events.js';
import { describeError, SlackSendError } from '../../core/errors.js';
import type { Step } from '../../core/plan/types.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { DeliveryObserver, Log, MessageSender } from '../ports.js';
import type { DeliveryRecord, DeliveryRecords } from './delivery-records.js';
import type { ThreadRepository, Threads } from './thread-repository.js';

export interface StepRunnerDeps {
  records: DeliveryRecords;
  threads: ThreadRepository;
  sender: MessageSender;
  log: Log;
  now: () => number;
  observer?: DeliveryObserver;
}

export class StepRunner {
  constructor(private readonly deps: StepRunnerDeps) {}

  async run(subscription: Subscription, event: BotEvent, step: Step, threads: Threads): Promise<StepResult> {
    const { teamId, channelId } = subscription;
    const deliveryId = `${teamId}:${channelId}:${step.key}`;
    const context = { team: teamId, channel: channelId, event: event.id, step: step.kind };
    const thread = step.incidentId ? threads[step.incidentId] : undefined;
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
    try {
      const ts =
        (claim.lookUpFirst && step.kind !== 'edit'
          ? await this.lookUp(teamId, channelId, deliveryId, step, parentTs, context)
          : undefined) ?? (await this.send(subscription, event, step, deliveryId, parentTs));
      // The record and the thread it changes are one write; memory changes only once it succeeded.
      const next = this.nextThread(step, threads, ts);
      await this.deps.records.recordSent(
        deliveryId,
        ts,
        next ? [this.deps.threads.writeFor(teamId, channelId, next)] : [],
      );
      this.remember(step, threads, next);
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

  /** An earlier attempt may have reached Slack: find it by its metadata instead of posting twice. */
  private async lookUp(
    teamId: string,
    channelId: string,
    deliveryId: string,
    step: Step,
    parentTs: string | undefined,
    context: Record<string, string>,
  ): Promise<string | undefined> {
    const ts = await this.deps.sender.find(
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
    return ts;
  }

  private async send(
    subscription: Subscription,
    event: BotEvent,
    step: Step,
    deliveryId: string,
    parentTs: string | undefined,
  ): Promise<string> {
    const { teamId, channelId } = subscription;
    let ts: string;
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
    return ts;
  }

  private async onFailure(
    error: SlackSendError,
    deliveryId: string,
    record: DeliveryRecord,
    context: Record<string, string>,
  ): Promise<StepResult> {
    const verdict = FAILURE_VERDICTS[error.failure];
    const { records, log, observer } = this.deps;
    if (verdict.claim === 'release') await records.release(deliveryId, record);
    else if (verdict.claim === 'drop') await records.recordDropped(deliveryId, error.slackCode);
    else records.abandon(deliveryId);
    if (verdict.outcome)
      observer?.delivery?.(verdict.outcome, error.failure === 'rate_limited' ? undefined : error.slackCode);
    if (verdict.log) {
      const reason = error.failure === 'ambiguous' ? describeError(error) : error.slackCode;
      log[verdict.log.level]({ ...context, reason }, verdict.log.message);
    }
    return verdict.result;
  }

  private nextThread(step: Step, threads: Threads, ts: string) {
    return step.incidentId ? threadAfter(threads[step.incidentId], step, ts) : undefined;
  }

  private remember(step: Step, threads: Threads, next: ReturnType<typeof threadAfter>): void {
    if (step.incidentId && next) threads[step.incidentId] = next;
  }
}
