/**
 * Sends delivery messages through each workspace's own client (the SDK pauses a whole client on 429, so one
 * workspace's limit never stalls another), paced by its WorkspacePacer. Every post carries its delivery id in
 * message metadata, so a post whose answer was lost can be found again instead of posted twice.
 */

import type { ChatPostMessageArguments } from '@slack/web-api';
import type { MessageSender, OutgoingMessage } from '../../app/ports/slack.js';
import { SlackSendError } from '../../core/deliver/slack-failures.js';
import { ChannelWaits } from './pacer.js';
import { translateSlackError } from './slack-errors.js';
import type { Workspace, WorkspaceClients } from './workspace-clients.js';

export const METADATA_EVENT_TYPE = 'clerk_status_delivery';
/** Lookups page through everything since the claim, a bounded number of pages. */
const LOOKUP_PAGE = 100;
const LOOKUP_MAX_PAGES = 20;

export interface SenderOptions {
  workspaces: WorkspaceClients;
  onCall?: (method: string, ms: number, outcome: string) => void;
}

export class SlackSender implements MessageSender {
  constructor(private readonly options: SenderOptions) {}

  private async call<T>(
    teamId: string,
    method: string,
    run: (ws: Workspace) => Promise<T>,
    channelId?: string,
    /** The workspace, when the caller already looked it up (one lookup per call: with OAuth it reads the store). */
    known?: Workspace,
  ): Promise<T> {
    const ws = known ?? (await this.options.workspaces.get(teamId));
    const started = Date.now();
    try {
      const result = await run(ws);
      this.options.onCall?.(method, Date.now() - started, 'ok');
      return result;
    } catch (error) {
      const failure = translateSlackError(error, method, this.options.workspaces.singleToken);
      if (failure.failure === 'rate_limited')
        ws.pacer.pause(
          method === 'chat.update' ? 'update' : 'post',
          failure.retryAfterMs ?? 1_000,
          channelId,
        );
      this.options.onCall?.(method, Date.now() - started, failure.slackCode);
      throw failure;
    }
  }

  /**
   * Waits for the workspace's pacer, then runs the caller's last check (the claim's renewal) immediately before the
   * call, outside the Slack error translation: a lost claim is not a Slack answer.
   */
  private async paced(
    teamId: string,
    channelId: string,
    beforeCall?: () => Promise<void>,
  ): Promise<Workspace> {
    const ws = await this.options.workspaces.get(teamId);
    try {
      await ws.pacer.acquire('post', channelId);
    } catch (error) {
      // A channel told to wait long gives its place up: nothing was sent, the delivery is retried later.
      if (!(error instanceof ChannelWaits)) throw error;
      throw new SlackSendError('rate_limited', 'channel_waits', error.message, error.waitMs);
    }
    await beforeCall?.();
    return ws;
  }

  async post(
    teamId: string,
    channelId: string,
    message: OutgoingMessage,
    options: Parameters<MessageSender['post']>[3],
  ): Promise<{ ts: string }> {
    const paced = await this.paced(teamId, channelId, options.beforeCall);
    return this.call(
      teamId,
      'chat.postMessage',
      async (ws) => {
        const base = {
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { delivery_id: options.deliveryId } },
        };
        const args = options.threadTs
          ? { ...base, thread_ts: options.threadTs, reply_broadcast: Boolean(options.broadcast) }
          : base;
        const result = await ws.client.chat
          .postMessage(args as ChatPostMessageArguments)
          .finally(() => ws.pacer.posted(channelId));
        if (!result.ts)
          throw new SlackSendError('ambiguous', 'no_ts', 'chat.postMessage answered without a ts');
        return { ts: result.ts };
      },
      channelId,
      paced,
    );
  }

  async update(teamId: string, channelId: string, ts: string, message: OutgoingMessage): Promise<void> {
    await this.call(teamId, 'chat.update', async (ws) => {
      await ws.pacer.acquire('update', channelId);
      await ws.client.chat.update({
        channel: channelId,
        ts,
        text: message.text,
        blocks: message.blocks as never,
      });
    });
  }

  async find(
    teamId: string,
    channelId: string,
    deliveryId: string,
    options: { threadTs?: string; oldestMs: number },
  ): Promise<string | undefined> {
    return (await this.findAll(teamId, channelId, deliveryId, { ...options, first: true }))[0];
  }

  async findAll(
    teamId: string,
    channelId: string,
    deliveryId: string,
    options: { threadTs?: string; oldestMs: number; first?: boolean },
  ): Promise<string[]> {
    const matches = (m: { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }) =>
      m.metadata?.event_type === METADATA_EVENT_TYPE && m.metadata.event_payload?.delivery_id === deliveryId;
    // A minute before the claim, for clocks that disagree; Slack returns only messages after `oldest`.
    const oldest = String(Math.max(0, Math.floor(options.oldestMs / 1000) - 60));
    const found: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
      const result = await this.history(teamId, channelId, { oldest, cursor, threadTs: options.threadTs });
      for (const m of result.messages ?? []) if (matches(m) && m.ts) found.push(m.ts);
      if (options.first && found.length > 0) return found;
      cursor = result.has_more ? result.response_metadata?.next_cursor || undefined : undefined;
      if (!cursor) return found;
    }
    return found;
  }

  /** One page of a channel's history (or a thread's replies) after `oldest`, with every message's metadata. */
  private history(
    teamId: string,
    channelId: string,
    page: { oldest: string; cursor?: string; threadTs?: string },
  ) {
    const { oldest, cursor, threadTs } = page;
    const common = { channel: channelId, include_all_metadata: true, limit: LOOKUP_PAGE, oldest };
    return this.call(teamId, threadTs ? 'conversations.replies' : 'conversations.history', (ws) =>
      threadTs
        ? ws.client.conversations.replies({ ...common, ts: threadTs, ...(cursor ? { cursor } : {}) })
        : ws.client.conversations.history({ ...common, ...(cursor ? { cursor } : {}) }),
    );
  }

  async delete(teamId: string, channelId: string, ts: string): Promise<void> {
    await this.call(teamId, 'chat.delete', (ws) => ws.client.chat.delete({ channel: channelId, ts }));
  }
}
