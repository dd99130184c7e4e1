/**
 * The Slack app (HTTP or Socket Mode) with its listeners: receivers do transport, listeners translate a request
 * into a use-case call. Loaded only in the Slack modes, so console mode never loads Bolt.
 */
import type { OperationalRoutes } from '../adapters/http/routes.js';
import { createSlackApp } from '../adapters/slack/app.js';
import { registerListeners } from '../adapters/slack/listeners/index.js';
import { SingleUseStateStore } from '../adapters/slack/oauth-state-store.js';
import { ChannelCommands } from '../app/channel-commands.js';
import { RequestLedger } from '../app/request-ledger.js';
import { WorkspaceLifecycle } from '../app/workspace-lifecycle.js';
import type { RenderedMessage } from '../core/render/types.js';
import type { Runtime, SlackParts } from './runtime.js';

function channelCommands(rt: Runtime): ChannelCommands {
  return new ChannelCommands({
    subscriptions: rt.subscriptions,
    status: rt.cycle,
    home: rt.home,
    clock: rt.clock,
    statusPageUrl: rt.config.statusUrl,
    staleAfterMs: rt.timing.staleAfterMs,
    adminUserIds: rt.config.slack.adminUserIds,
    enqueue: async (events) => {
      await rt.outbox.append(events);
      rt.delivery.ring();
    },
    log: rt.log,
    history: rt.history,
    ...(rt.earlyWarning ? { probes: rt.earlyWarning.query } : {}),
    ...(rt.ownChecks ? { checks: rt.ownChecks.query } : {}),
    ...(rt.slack ? { testPost: testPoster(rt.slack) } : {}),
  });
}

/** `/clerk-status test` posts through the same sender deliveries use: its pacing, its reading of Slack's answers. */
function testPoster(slack: SlackParts) {
  return async (teamId: string, channelId: string, message: RenderedMessage, deliveryId: string) => {
    await slack.sender.post(teamId, channelId, message, { deliveryId });
  };
}

/** Starts receiving; resolves with the HTTP port and how to close it. */
export async function startSlack(rt: Runtime, slack: SlackParts, routes: OperationalRoutes[]) {
  const { config, log } = rt;
  const mode = config.slack.mode === 'socket' ? 'socket' : 'http';
  const oauthStores = rt.installations && {
    installations: rt.installations,
    states: new SingleUseStateStore(config.slack.stateSecret ?? '', rt.store),
  };
  const app = createSlackApp({ ...config.slack, mode, port: config.port }, log, routes, oauthStores);
  const lifecycle = new WorkspaceLifecycle({
    subscriptions: rt.subscriptions,
    home: rt.home,
    ...(rt.installations ? { installations: rt.installations } : {}),
    log,
    observer: rt.metrics,
  });
  registerListeners(app.app, {
    commands: channelCommands(rt),
    home: rt.home,
    lifecycle,
    earlyWarning: slack.votes,
    ledger: new RequestLedger(rt.store, log, rt.metrics),
    log,
  });
  return { port: await app.start(), close: () => app.stop() };
}
