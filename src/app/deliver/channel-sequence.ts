/**
 * One channel's events, strictly in order: a thread reply never overtakes its parent, and the first event the
 * channel cannot have yet stops the sequence (the rest wait for the next pass). Each event is planned by the
 * core against the channel's thread state; a deleted parent restarts the thread.
 */

import type { StepResult } from '../../core/deliver/slack-failures.js';
import { isBotError } from '../../core/errors.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { VoteTally } from '../../core/events/warning.js';
import { plan, threadIdsFor } from '../../core/plan/plan.js';
import { threadGone } from '../../core/plan/thread-transitions.js';
import type { IncidentNow, PlanInput } from '../../core/plan/types.js';
import type { Subscription } from '../../core/subscriptions/subscription.js';
import type { Log } from '../ports/observability.js';
import type { StepRunner } from './step-runner.js';
import type { ThreadRepository } from './thread-repository.js';

/** How often one event may restart its thread after finding its parent deleted. */
const MAX_RESTARTS = 2;

export type SequenceResult = Exclude<StepResult, 'message_gone'>;

export interface ChannelSequenceDeps {
  steps: StepRunner;
  /** An incident as the page shows it now, to redraw a deleted parent. */
  incidentNow: (incidentId: string) => IncidentNow | undefined;
  threads: ThreadRepository;
  log: Log;
  statusPageUrl: string;
  /** Vote counts on a channel's warning message, so its edits keep them. */
  votes?: (teamId: string, channelId: string, warningId: string) => Promise<VoteTally>;
  /** The workspace's URL, to link a parent message (undefined when Slack does not say). */
  teamUrl?: (teamId: string) => Promise<string | undefined>;
}

export class ChannelSequence {
  constructor(private readonly deps: ChannelSequenceDeps) {}

  /**
   * Sends the channel its events in order. Returns the ids it still owes the channel, and whether the channel
   * or its whole workspace is gone (the caller removes the subscription).
   */
  async deliver(
    subscription: Subscription,
    events: BotEvent[],
    signal?: AbortSignal,
    teamGone: () => boolean = () => false,
  ): Promise<{ pending: string[]; gone?: 'channel' | 'workspace' }> {
    for (let i = 0; i < events.length; i++) {
      if (teamGone()) return { pending: [] };
      if (signal?.aborted) return { pending: events.slice(i).map((e) => e.id) };
      const event = events[i] as BotEvent;
      const result = await this.deliverEvent(subscription, event).catch((error: unknown) => {
        // The store failed (loudly): keep everything pending rather than guess. A store outage is logged once
        // by the tick, not once per channel and retry.
        const level = isBotError(error, 'STORE_UNAVAILABLE') ? 'debug' : 'warn';
        this.deps.log[level](
          { team: subscription.teamId, channel: subscription.channelId, event: event.id, err: error },
          'delivery failed; will retry',
        );
        return 'pending' as const;
      });
      if (result === 'pending') return { pending: events.slice(i).map((e) => e.id) };
      if (result === 'channel_gone') return { pending: [], gone: 'channel' };
      if (result === 'workspace_gone') return { pending: [], gone: 'workspace' };
    }
    return { pending: [] };
  }

  private async deliverEvent(subscription: Subscription, event: BotEvent): Promise<SequenceResult> {
    const threads = await this.deps.threads.load(
      subscription.teamId,
      subscription.channelId,
      threadIdsFor(event),
    );
    const extras = await this.warningExtras(subscription, event);
    for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
      const steps = plan({ event, subscription, threads, statusPageUrl: this.deps.statusPageUrl, ...extras });
      let restart = false;
      for (const step of steps) {
        const result = await this.deps.steps.run(subscription, event, step, threads);
        // The thread's parent was refused for good (reported): its replies in this event are skipped, not retried.
        if (result === 'message_gone' && step.threadId && threads[step.threadId]?.refused) continue;
        if (result === 'message_gone' && step.threadId) {
          const thread = threads[step.threadId];
          if (thread) threads[step.threadId] = threadGone(thread);
          restart = true;
          break;
        }
        if (result !== 'done') return result === 'message_gone' ? 'pending' : result;
      }
      if (!restart) return 'done';
    }
    return 'pending';
  }

  /** An early warning's edits keep its vote counts; its confirmation links the incident's parent. */
  private async warningExtras(subscription: Subscription, event: BotEvent): Promise<Partial<PlanInput>> {
    if (
      event.kind !== 'warning.confirmed' &&
      event.kind !== 'warning.cleared' &&
      event.kind !== 'warning.updated'
    )
      return {};
    const { teamId, channelId } = subscription;
    const votes = await this.deps.votes?.(teamId, channelId, event.warning.id);
    const teamUrl =
      event.kind === 'warning.confirmed'
        ? await this.deps.teamUrl?.(teamId).catch(() => undefined)
        : undefined;
    return {
      ...(votes ? { votes: { [event.warning.id]: votes } } : {}),
      ...(teamUrl ? { teamUrl } : {}),
    };
  }
}
