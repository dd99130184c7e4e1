/**
 * Applies queued parent edits, apart from the posts: workspaces in parallel, each one edit at a time within its
 * chat.update budget (Tier 3, the pacer's business). An edit is idempotent, so one whose answer was lost is
 * simply applied again; one refused for its content goes again re-rendered minimal; one whose parent or channel
 * is gone is dropped (the next post in that channel tells the rest). An edit whose answer was lost may still be
 * applied by Slack later, over a newer one: so the edit that follows it on that parent is applied once more after
 * `settleMs`, and the parent ends in its latest state whatever Slack did with the old request.
 */

import { SlackSendError } from '../../core/deliver/slack-failures.js';
import { renderMinimal } from '../../core/render/minimal.js';
import type { Log } from '../ports/observability.js';
import type { MessageSender } from '../ports/slack.js';
import { DrainLoop } from './drain-loop.js';
import type { EditQueue, PendingEdit } from './edit-queue.js';
import type { SlackConfigProblems } from './slack-config.js';

export interface EditLaneDeps {
  edits: EditQueue;
  sender: MessageSender;
  config: SlackConfigProblems;
  log: Log;
  retryMs: number;
  /** Only the leader edits. */
  shouldRun: () => boolean;
  /** How long a timed-out edit may still land at Slack (a little more than a Slack call's timeout). */
  settleMs?: number;
  now?: () => number;
}

type Outcome = 'applied' | 'dropped' | 'stop' | 'later';

const parentKey = (e: PendingEdit) => `${e.teamId} ${e.channelId} ${e.threadId}`;

export class EditLane {
  private readonly loop: DrainLoop;
  /** Parents with an edit whose answer was lost: Slack may still apply it. */
  private readonly unconfirmed = new Set<string>();
  /** Parents whose latest edit is applied once more at this time, over any late old one. */
  private readonly reapplyAt = new Map<string, number>();

  constructor(private readonly deps: EditLaneDeps) {
    this.loop = new DrainLoop(() => this.drainOnce(), {
      retryMs: deps.retryMs,
      log: deps.log,
      what: 'edit',
      shouldRetry: deps.shouldRun,
    });
  }

  /** Asks for a pass soon; cheap to call after every delivery pass. */
  kick(): void {
    void this.loop.kick();
  }

  /** Applies what is queued, once; resolves with how many edits still wait. */
  async drainOnce(): Promise<number> {
    if (!this.deps.shouldRun()) return 0;
    const byTeam = new Map<string, PendingEdit[]>();
    for (const edit of await this.deps.edits.pending())
      byTeam.set(edit.teamId, [...(byTeam.get(edit.teamId) ?? []), edit]);
    const left = await Promise.all([...byTeam.values()].map((edits) => this.drainTeam(edits)));
    return left.reduce((a, b) => a + b, 0);
  }

  /** How many edits wait to be applied. */
  async waiting(): Promise<number> {
    return (await this.deps.edits.pending()).length;
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One workspace's edits in queue order; the first that must wait stops the workspace's pass. */
  private async drainTeam(edits: PendingEdit[]): Promise<number> {
    let waiting = 0;
    for (let i = 0; i < edits.length; i++) {
      if (this.loop.isStopped) return edits.length - i;
      const edit = edits[i] as PendingEdit;
      const due = this.reapplyAt.get(parentKey(edit));
      if (due !== undefined && due > this.now()) {
        waiting += 1; // not yet: other parents go on meanwhile
        continue;
      }
      const outcome = await this.apply(edit);
      if (outcome === 'stop') return waiting + edits.length - i;
      if (outcome === 'later') waiting += 1;
    }
    return waiting;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Marks an applied edit, unless an answer was lost on this parent before: then it goes once more, later. */
  private async applied(edit: PendingEdit): Promise<Outcome> {
    const key = parentKey(edit);
    if (this.unconfirmed.delete(key)) {
      this.reapplyAt.set(key, this.now() + (this.deps.settleMs ?? 15_000));
      return 'later';
    }
    this.reapplyAt.delete(key);
    await this.deps.edits.done(edit);
    return 'applied';
  }

  private async apply(edit: PendingEdit, minimal = false): Promise<Outcome> {
    const context = { team: edit.teamId, channel: edit.channelId, thread: edit.threadId };
    try {
      await this.deps.sender.update(
        edit.teamId,
        edit.channelId,
        edit.parentTs,
        minimal ? renderMinimal(edit.message) : edit.message,
      );
      this.deps.config.clear(edit.teamId);
      return await this.applied(edit);
    } catch (error) {
      if (!(error instanceof SlackSendError)) throw error;
      const { failure, slackCode } = error;
      if (failure === 'rejected' && !minimal) return this.apply(edit, true);
      if (failure === 'message_gone' || failure === 'channel_gone' || failure === 'rejected') {
        const level = failure === 'rejected' ? 'error' : 'warn';
        this.deps.log[level](
          { ...context, reason: slackCode },
          'could not edit an incident parent; dropped the edit',
        );
        await this.deps.edits.done(edit);
        return 'dropped';
      }
      if (failure === 'ambiguous') this.unconfirmed.add(parentKey(edit));
      if (failure === 'config_error') this.deps.config.report(edit.teamId, slackCode, 'chat.update');
      return 'stop'; // rate limited, unconfirmed, a configuration error: try again on the next pass
    }
  }
}
