/**
 * Multi-workspace install: Bolt's OAuth flow against the fake Slack (oauth.v2.access), the installation kept
 * in the bot's store, a slash command from the new workspace answered with that workspace's token, then
 * uninstall forgetting the installation and its subscriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { eventBody, postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';

let page: FakeStatusPage;
let slack: FakeSlack;
let bot: RunningBot;
let base: string;

beforeAll(async () => {
  page = await FakeStatusPage.start();
  slack = await FakeSlack.start();
  const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
  page.serveStep(timeline, 0, Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? ''));
  slack.addChannel({ id: 'C0TWO', name: 'two-ops', team: 'T0TWO', members: ['U0BOB'] });
  slack.addUser({ id: 'U0BOB' });
  slack.oauthCodes.set('code-two', { teamId: 'T0TWO', token: 'xoxb-two-token', botUserId: 'U0BOT2' });
  const config = loadConfig(
    fakeSlackEnv(slack, page, {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'client-secret-value',
      SLACK_STATE_SECRET: 'state-secret-value',
      STORE_URL: `file:${await tempStatePath()}`,
    }),
  );
  bot = await start(config, createLogger('silent'));
  await bot.pollNow();
  base = `http://127.0.0.1:${bot.port}`;
});

afterAll(async () => {
  await bot.stop();
  await slack.close();
  await page.close();
});

describe('multi-workspace install (OAuth)', () => {
  it('installs, answers the new workspace with its own token, and forgets it on uninstall', async () => {
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location') ?? '');
    expect(authorize.pathname).toBe('/oauth/v2/authorize');
    expect(authorize.searchParams.get('scope')?.split(',')).toContain('chat:write.public');
    const state = authorize.searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const callback = await fetch(
      `${base}/slack/oauth_redirect?code=code-two&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: 'manual',
      },
    );
    expect(callback.status).toBe(200);
    expect(slack.callsOf('oauth.v2.access')).toHaveLength(1);

    // The same state and cookie again (a replayed or double-clicked link): refused, nothing installed twice.
    const replay = await fetch(
      `${base}/slack/oauth_redirect?code=code-two&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(await replay.text()).toContain('slack_oauth_invalid_state');
    expect(slack.callsOf('oauth.v2.access')).toHaveLength(1);
    expect(await bot.store.get('installation:team:T0TWO')).toMatchObject({
      team: { id: 'T0TWO' },
      bot: { token: 'xoxb-two-token' },
    });

    const responseUrl = slack.responseUrl('two');
    const command = slashCommandBody({
      text: 'subscribe',
      team: 'T0TWO',
      channel: 'C0TWO',
      user: 'U0BOB',
      responseUrl,
    });
    expect(
      (await postSigned(`${base}/slack/events`, command, 'application/x-www-form-urlencoded')).status,
    ).toBe(200);
    await until(
      'the answer in the new workspace',
      () => slack.responses.some((r) => r.path === '/respond/two'),
      {
        timeoutMs: 5_000,
      },
    );
    expect(String(slack.responses.find((r) => r.path === '/respond/two')?.body.text)).toContain('Subscribed');
    expect(slack.callsOf('conversations.info').at(-1)?.token).toBe('xoxb-two-token');
    expect(await bot.subscriptions.listTeam('T0TWO')).toHaveLength(1);

    await postSigned(
      `${base}/slack/events`,
      eventBody({ type: 'app_uninstalled' }, 'T0TWO'),
      'application/json',
    );
    await until(
      'the installation removed',
      async () => (await bot.store.get('installation:team:T0TWO')) === undefined,
      {
        timeoutMs: 5_000,
      },
    );
    expect(await bot.store.get('installation:team:T0TWO')).toBeUndefined();
    expect(await bot.subscriptions.listTeam('T0TWO')).toEqual([]);
  });

  it('refuses an OAuth callback with a forged state', async () => {
    const callback = await fetch(`${base}/slack/oauth_redirect?code=code-two&state=forged`, {
      redirect: 'manual',
    });
    expect(callback.status).toBeGreaterThanOrEqual(400);
  });
});
