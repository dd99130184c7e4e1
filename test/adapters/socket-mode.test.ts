/**
 * Socket Mode: the same app over a WebSocket instead of HTTP. The bot opens the connection with its app-level
 * token, answers /clerk-status in the ack envelope, and handles events; the operational routes stay on PORT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeSocketMode } from '../../devkit/fake-socket-mode.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';

let page: FakeStatusPage;
let slack: FakeSlack;
let socket: FakeSocketMode;
let bot: RunningBot;

beforeAll(async () => {
  page = await FakeStatusPage.start();
  slack = await FakeSlack.start();
  socket = await FakeSocketMode.start();
  slack.socketModeUrl = socket.url;
  const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
  page.serveStep(timeline, 1, Date.now() - Date.parse(timeline.steps[1]?.fetchedAt ?? ''));
  const config = loadConfig(
    fakeSlackEnv(slack, page, {
      SLACK_BOT_TOKEN: 'xoxb-socket-bot',
      SLACK_APP_TOKEN: 'xapp-1-socket-app',
      STORE_URL: `file:${await tempStatePath()}`,
    }),
  );
  expect(config.slack.mode).toBe('socket');
  bot = await start(config, createLogger('silent'));
  await bot.pollNow();
  await until('the socket to connect', () => socket.connected);
});

afterAll(async () => {
  await bot.stop();
  await socket.close();
  await slack.close();
  await page.close();
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token', () => {
    expect(slack.callsOf('apps.connections.open').at(-1)?.token).toBe('xapp-1-socket-app');
  });

  it('answers /clerk-status in the ack, from the latest snapshot', async () => {
    const id = socket.send('slash_commands', {
      command: '/clerk-status',
      text: 'status',
      team_id: 'T0TEAM',
      channel_id: 'C0OPS',
      user_id: 'U0ALICE',
      response_url: slack.responseUrl('socket'),
      trigger_id: 't',
      api_app_id: 'A0APP',
    });
    await until('the ack', () => socket.acks.some((a) => a.envelope_id === id));
    const ack = socket.acks.find((a) => a.envelope_id === id);
    expect(ack?.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(String(ack?.payload?.text)).toContain('Session management: Degraded performance');
  });

  it('handles events: the App Home is published with the bot token', async () => {
    const id = socket.send('events_api', {
      type: 'event_callback',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      event: { type: 'app_home_opened', user: 'U0ALICE', tab: 'home' },
      event_id: 'Ev1',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
    });
    await until('the event ack', () => socket.acks.some((a) => a.envelope_id === id));
    await until('views.publish', () => slack.callsOf('views.publish').length > 0);
    expect(slack.callsOf('views.publish')[0]?.token).toBe('xoxb-socket-bot');
  });

  it('still serves the operational routes on PORT', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
  });
});
