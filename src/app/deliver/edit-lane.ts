/**
 * Applies queued parent edits, apart from the posts: workspaces in parallel, each one edit at a time within its
 * chat.update budget (Tier 3, the pacer's business). An edit is idempotent, so one whose answer was lost is
 * simply applied again; one refused for its content goes again re-rendered minimal; one whose parent or channel
 * is gone is dropped (the next post in that channel tells the rest).
 */

import { SlackSendError } from '../../core/errors.js';
import { renderMinimal } from '../../core/render/minimal.js';
import type { Log, MessageSender } from '../ports.js';
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
  singleToken: boolean;
}

type Outcome = 'applied' | 'dropped' | 'stop';

export class EditLane {
  private readonly loop: DrainLoop;

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
    for (let i = 0; i < edits.length; i++) {
      if (this.loop.isStopped) return edits.length - i;
      const outcome = await this.apply(edits[i] as PendingEdit);
      if (outcome === 'stop') return edits.length - i;
    }
    return 0;
  }

  private async apply(edit: PendingEdit, minimal = false): Promise<Outcome> {
    const context = { team: edit.teamId, channel: edit.channelId, incident: edit.incidentId };
    try {
      await this.deps.sender.update(
        edit.teamId,
        edit.channelId,
        edit.parentTs,
        minimal ? renderMinimal(edit.message) : edit.message,
      );
      this.deps.config.clear(edit.teamId);
      await this.deps.edits.done(edit);
      return 'applied';
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
      if (failure === 'config_error' || (failure === 'workspace_gone' && this.deps.singleToken))
        this.deps.config.report(edit.teamId, slackCode, 'chat.update');
      return 'stop'; // rate limited, unconfirmed, a configuration error: try again on the next pass
    }
  }
}
