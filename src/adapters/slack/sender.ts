/**
 * Sends delivery messages: one WebClient per workspace (the SDK pauses a whole client on 429, so one
 * workspace's limit never stalls another), paced by WorkspacePacer. Posts are never retried by the SDK:
 * a retry after an unconfirmed post could post twice, so failures are classified and handed back to the
 * delivery records, which look the message up before any resend. Every post carries its delivery id in
 * message metadata for that lookup.
 */

import type { Logger as SlackLogger } from '@slack/logger';
import { type ChatPostMessageArguments, ErrorCode, WebClient } from '@slack/web-api';
import { classifySlackError } from '../../core/delivery-policy.js';
import { SlackSendError } from '../../errors.js';
import type { MessageSender, OutgoingMessage } from '../../shell/ports.js';
import { DEFAULT_PACING, type PacingOptions, WorkspacePacer } from './pacer.js';

export const METADATA_EVENT_TYPE = 'clerk_status_delivery';
const LOOKUP_HISTORY_LIMIT = 50;

export interface SenderOptions {
  apiUrl: string;
  tokenFor: (teamId: string) => Promise<string>;
  logger: SlackLogger;
  pacing?: PacingOptions;
  timeoutMs?: number;
  onCall?: (method: string, ms: number, outcome: string) => void;
}

interface Workspace {
  client: WebClient;
  pacer: WorkspacePacer;
  token: string;
}

export class SlackSender implements MessageSender {
  private readonly workspaces = new Map<string, Workspace>();

  constructor(private readonly options: SenderOptions) {}

  private async workspace(teamId: string): Promise<Workspace> {
    const token = await this.options.tokenFor(teamId);
    const known = this.workspaces.get(teamId);
    if (known && known.token === token) return known;
    const client = new WebClient(token, {
      slackApiUrl: this.options.apiUrl,
      timeout: this.options.timeoutMs ?? 10_000,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: this.options.logger,
    });
    const workspace = {
      client,
      token,
      pacer: known?.pacer ?? new WorkspacePacer(this.options.pacing ?? DEFAULT_PACING),
    };
    this.workspaces.set(teamId, workspace);
    return workspace;
  }

  private async call<T>(teamId: string, method: string, run: (ws: Workspace) => Promise<T>): Promise<T> {
    const ws = await this.workspace(teamId);
    const started = Date.now();
    try {
      const result = await run(ws);
      this.options.onCall?.(method, Date.now() - started, 'ok');
      return result;
    } catch (error) {
      const failure = translate(error, method);
      if (failure.failure === 'rate_limited') ws.pacer.pause(failure.retryAfterMs ?? 1_000);
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
    threadTs?: string,
  ): Promise<string | undefined> {
    const matches = (m: { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }) =>
      m.metadata?.event_type === METADATA_EVENT_TYPE && m.metadata.event_payload?.delivery_id === deliveryId;
    if (threadTs) {
      const result = await this.call(teamId, 'conversations.replies', (ws) =>
        ws.client.conversations.replies({
          channel: channelId,
          ts: threadTs,
          include_all_metadata: true,
          limit: 200,
        }),
      );
      return result.messages?.find(matches)?.ts;
    }
    const result = await this.call(teamId, 'conversations.history', (ws) =>
      ws.client.conversations.history({
        channel: channelId,
        include_all_metadata: true,
        limit: LOOKUP_HISTORY_LIMIT,
      }),
    );
    return result.messages?.find(matches)?.ts;
  }
}

function translate(error: unknown, method: string): SlackSendError {
  if (error instanceof SlackSendError) return error;
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new SlackSendError(
        'rate_limited',
        'ratelimited',
        `${method}: rate limited`,
        (e.retryAfter ?? 1) * 1000,
        error,
      );
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new SlackSendError(classifySlackError(code), code, `${method}: ${code}`, undefined, error);
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      // A 5xx may come after Slack accepted the post; a 4xx means it refused the request outright.
      return new SlackSendError(
        status >= 500 ? 'ambiguous' : 'not_posted',
        `http_${status}`,
        `${method}: HTTP ${status}`,
        undefined,
        error,
      );
    }
    default:
      // Network errors and timeouts: the request may or may not have reached Slack.
      return new SlackSendError(
        'ambiguous',
        'request_error',
        `${method}: ${(error as Error).message}`,
        undefined,
        error,
      );
  }
}
