/**
 * Sends delivery messages through each workspace's own client (the SDK pauses a whole client on 429, so one
 * workspace's limit never stalls another), paced by its WorkspacePacer. Every post carries its delivery id in
 * message metadata, so a post whose answer was lost can be found again instead of posted twice.
 */

import type { ChatPostMessageArguments } from '@slack/web-api';
import type { MessageSender, OutgoingMessage } from '../../app/ports/slack.js';
import { SlackSendError } from '../../core/deliver/slack-failures.js';
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

  private async call<T>(teamId: string, method: string, run: (ws: Workspace) => Promise<T>): Promise<T> {
    const ws = await this.options.workspaces.get(teamId);
    const started = Date.now();
    try {
      const result = await run(ws);
      this.options.onCall?.(method, Date.now() - started, 'ok');
      return result;
    } catch (error) {
      const failure = translateSlackError(error, method, this.options.workspaces.singleToken);
      if (failure.failure === 'rate_limited')
        ws.pacer.pause(method === 'chat.update' ? 'update' : 'post', failure.retryAfterMs ?? 1_000);
      this.options.onCall?.(method, Date.now() - started, failure.slackCode);
      throw failure;
    }
  }

  async post(
    teamId: string,
    channelId: string,
    message: OutgoingMessage,
    options: { deliveryId: string; threadTs?: string; broadcast?: boolean },
  ): Promise<{ ts: string }> {
    return this.call(teamId, 'chat.postMessage', async (ws) => {
      await ws.pacer.acquire('post', channelId);
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
    });
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
    const matches = (m: { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }) =>
      m.metadata?.event_type === METADATA_EVENT_TYPE && m.metadata.event_payload?.delivery_id === deliveryId;
    // A minute before the claim, for clocks that disagree; Slack returns only messages after `oldest`.
    const oldest = String(Math.max(0, Math.floor(options.oldestMs / 1000) - 60));
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
      const result = await this.call(
        teamId,
        options.threadTs ? 'conversations.replies' : 'conversations.history',
        (ws) =>
          options.threadTs
            ? ws.client.conversations.replies({
                ...{
                  channel: channelId,
                  ts: options.threadTs,
                  include_all_metadata: true,
                  limit: LOOKUP_PAGE,
                },
                ...{ oldest, ...(cursor ? { cursor } : {}) },
              })
            : ws.client.conversations.history({
                ...{ channel: channelId, include_all_metadata: true, limit: LOOKUP_PAGE },
                ...{ oldest, ...(cursor ? { cursor } : {}) },
              }),
      );
      const found = result.messages?.find(matches)?.ts;
      if (found) return found;
      cursor = result.has_more ? result.response_metadata?.next_cursor || undefined : undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }
}
