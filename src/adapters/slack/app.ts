/**
 * The Bolt app. The receiver does transport only: HTTP mode uses Bolt's HTTPReceiver at /slack/events
 * (signature and timestamp checked by Bolt) and serves the operational routes on the same port; Socket Mode
 * uses Bolt's SocketModeReceiver, with the operational routes on our own small server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { OperationalRoutes } from '../http/routes.js';
import { startHttpServer } from '../http/server.js';
import { boltLogger } from '../log/bolt-logger.js';
import { BOT_SCOPES } from './scopes.js';

export interface SlackApp {
  app: App;
  /** Starts receiving; resolves with the HTTP port the operational routes are on. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

export function createSlackApp(
  config: Config,
  log: Logger,
  routes: OperationalRoutes[],
  installationStore?: InstallationStore,
): SlackApp {
  const slack = config.slack;
  const logger = boltLogger(log, 'bolt');
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    logger: boltLogger(log, 'slack-web-api'),
  };

  if (slack.mode === 'socket') {
    const app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
    let server: Server | undefined;
    return {
      app,
      async start() {
        const http = await startHttpServer(config.port, routes);
        server = http.server;
        await app.start();
        return http.port;
      },
      async stop() {
        await app.stop();
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      },
    };
  }

  // Multi-workspace: Bolt's OAuth flow at /slack/install and /slack/oauth_redirect, tokens per workspace.
  const oauth =
    slack.oauth && installationStore
      ? {
          clientId: slack.clientId,
          clientSecret: slack.clientSecret,
          stateSecret: slack.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore,
          installerOptions: {
            directInstall: true,
            installPath: '/slack/install',
            redirectUriPath: '/slack/oauth_redirect',
            clientOptions: { slackApiUrl: slack.apiUrl },
          },
        }
      : {};
  const receiver = new HTTPReceiver({
    signingSecret: slack.signingSecret ?? '',
    endpoints: '/slack/events',
    customRoutes: routes,
    logger,
    // Ack as soon as the listener calls ack(); work after it continues in the background.
    processBeforeResponse: false,
    ...oauth,
  });
  const app = new App({ ...(slack.oauth ? {} : { token: slack.botToken }), receiver, logger, clientOptions });
  return {
    app,
    async start() {
      const server = (await app.start(config.port)) as Server;
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      await app.stop();
    },
  };
}
