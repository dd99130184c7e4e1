/**
 * The one per-workspace cache of Slack clients: the token (the single SLACK_BOT_TOKEN, or the one that
 * workspace installed us with), a WebClient and that workspace's pacer. Delivery and App Home use it outside
 * listeners, where Bolt hands no client. The SDK never retries here: a retry after an unconfirmed post could
 * post twice, so failures go back to the delivery records, which look a message up before any resend.
 */
import type { Logger as SlackLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import type { HomePublisher } from '../../app/ports/slack.js';
import { SlackSendError } from '../../core/deliver/slack-failures.js';
import type { StoreInstallationStore } from './installation-store.js';
import { DEFAULT_PACING, type PacingOptions, WorkspacePacer } from './pacer.js';

export interface Workspace {
  client: WebClient;
  pacer: WorkspacePacer;
  token: string;
}

export interface WorkspaceClientsOptions {
  source: { botToken: string } | { installations: StoreInstallationStore };
  apiUrl: string;
  logger: SlackLogger;
  timeoutMs: number;
  pacing?: PacingOptions;
}

export class WorkspaceClients implements HomePublisher {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly urls = new Map<string, string>();

  constructor(private readonly options: WorkspaceClientsOptions) {}

  /** One configured bot token (no OAuth install): Slack refusing it is a configuration error. */
  get singleToken(): boolean {
    return 'botToken' in this.options.source;
  }

  async tokenFor(teamId: string): Promise<string> {
    const { source } = this.options;
    if ('botToken' in source) return source.botToken;
    const token = await source.installations.botToken(teamId);
    if (!token)
      throw new SlackSendError(
        'workspace_gone',
        'no_installation',
        `No installation for workspace ${teamId}`,
      );
    return token;
  }

  /** The workspace's client and pacer; a new client when its token changed (the pacer is kept). */
  async get(teamId: string): Promise<Workspace> {
    const token = await this.tokenFor(teamId);
    const known = this.workspaces.get(teamId);
    if (known && known.token === token) return known;
    const client = new WebClient(token, {
      slackApiUrl: this.options.apiUrl,
      timeout: this.options.timeoutMs,
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

  /** The workspace's URL (https://acme.slack.com/), from auth.test once per workspace; undefined if Slack won't say. */
  async teamUrl(teamId: string): Promise<string | undefined> {
    const known = this.urls.get(teamId);
    if (known) return known;
    const { client } = await this.get(teamId);
    const answer = await client.auth.test().catch(() => undefined);
    const url =
      typeof answer?.url === 'string' && /^https:\/\/[^/\s]+\/?$/.test(answer.url) ? answer.url : undefined;
    if (url) this.urls.set(teamId, url);
    return url;
  }

  async publish(teamId: string, userId: string, view: unknown): Promise<void> {
    const { client } = await this.get(teamId);
    await client.views.publish({ user_id: userId, view: view as never });
  }
}
