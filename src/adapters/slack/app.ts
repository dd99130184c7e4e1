/**
 * The Bolt app. The receiver does transport only: HTTP mode uses Bolt's HTTPReceiver at /slack/events
 * (signature and timestamp checked by Bolt) and serves the operational routes on the same port; Socket Mode
 * uses Bolt's SocketModeReceiver, with the operational routes on our own small server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import type { InstallationStore, StateStore } from '@slack/oauth';
import type { Logger } from 'pino';
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

/** What the Slack transport needs: credentials, mode, the Web API URL, and the HTTP port. */
export interface SlackAppOptions {
  mode: 'http' | 'socket';
  oauth: boolean;
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  apiUrl: string;
  port: number;
}

type ClientOptions = { slackApiUrl: string; logger: SlackLogger };

/** Socket Mode: Bolt's SocketModeReceiver, with the operational routes on our own small server. */
function socketModeApp(
  options: SlackAppOptions,
  logger: SlackLogger,
  clientOptions: ClientOptions,
  routes: OperationalRoutes[],
): SlackApp {
  const app = new App({
    token: options.botToken,
    appToken: options.appToken,
    socketMode: true,
    logger,
    clientOptions,
  });
  let server: Server | undefined;
  return {
    app,
    async start() {
      const http = await startHttpServer(options.port, routes);
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

/** The paths Slack calls in HTTP mode: one endpoint for commands, events and actions; the OAuth flow's two. */
export const SLACK_PATHS = {
  events: '/slack/events',
  install: '/slack/install',
  oauthRedirect: '/slack/oauth_redirect',
} as const;

/** Where a multi-workspace install keeps its tokens and its single-use OAuth states. */
export interface OAuthStores {
  installations: InstallationStore;
  states: StateStore;
}

/** Multi-workspace: Bolt's OAuth flow at /slack/install and /slack/oauth_redirect, tokens per workspace. */
function oauthOptions(options: SlackAppOptions, stores: OAuthStores | undefined) {
  if (!options.oauth || !stores) return {};
  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: stores.installations,
    installerOptions: {
      stateStore: stores.states,
      directInstall: true,
      installPath: SLACK_PATHS.install,
      redirectUriPath: SLACK_PATHS.oauthRedirect,
      clientOptions: { slackApiUrl: options.apiUrl },
    },
  };
}

/** HTTP mode: Bolt's HTTPReceiver at /slack/events (signatures checked by Bolt), operational routes on the same port. */
function httpApp(
  options: SlackAppOptions,
  logger: SlackLogger,
  clientOptions: ClientOptions,
  routes: OperationalRoutes[],
  oauthStores?: OAuthStores,
): SlackApp {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret ?? '',
    endpoints: SLACK_PATHS.events,
    customRoutes: routes,
    logger,
    // Ack as soon as the listener calls ack(); work after it continues in the background.
    processBeforeResponse: false,
    ...oauthOptions(options, oauthStores),
  });
  const app = new App({
    ...(options.oauth ? {} : { token: options.botToken }),
    receiver,
    logger,
    clientOptions,
  });
  return {
    app,
    async start() {
      const server = (await app.start(options.port)) as Server;
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      await app.stop();
    },
  };
}

export function createSlackApp(
  options: SlackAppOptions,
  log: Logger,
  routes: OperationalRoutes[],
  oauthStores?: OAuthStores,
): SlackApp {
  const logger = boltLogger(log, 'bolt');
  const clientOptions = { slackApiUrl: options.apiUrl, logger: boltLogger(log, 'slack-web-api') };
  return options.mode === 'socket'
    ? socketModeApp(options, logger, clientOptions, routes)
    : httpApp(options, logger, clientOptions, routes, oauthStores);
}
