/**
 * The token and Web API client for a workspace: the single SLACK_BOT_TOKEN, or the token that workspace
 * installed us with (OAuth). Used outside listeners (delivery, App Home refreshes), where Bolt does not hand
 * us a client.
 */

import type { Logger as SlackLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { SlackSendError } from '../../errors.js';
import type { StoreInstallationStore } from './installation-store.js';

export class WorkspaceClients {
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly source: { botToken: string } | { installations: StoreInstallationStore },
    private readonly apiUrl: string,
    private readonly logger: SlackLogger,
  ) {}

  async tokenFor(teamId: string): Promise<string> {
    if ('botToken' in this.source) return this.source.botToken;
    const token = await this.source.installations.botToken(teamId);
    if (!token)
      throw new SlackSendError(
        'workspace_gone',
        'no_installation',
        `No installation for workspace ${teamId}`,
      );
    return token;
  }

  async client(teamId: string): Promise<WebClient> {
    const token = await this.tokenFor(teamId);
    let client = this.clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        slackApiUrl: this.apiUrl,
        logger: this.logger,
        timeout: 10_000,
      });
      this.clients.set(token, client);
    }
    return client;
  }
}
