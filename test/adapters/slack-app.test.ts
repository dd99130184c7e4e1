/**
 * The Slack app end to end on loopback: signed requests into the real bot (HTTP mode), every Web API call
 * answered and recorded by the fake Slack, the status page served by the fake page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { eventBody, interactionBody, postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { eventually, until } from '../../devkit/wait.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
let page: FakeStatusPage;
let slack: FakeSlack;
let bot: RunningBot;
let events: string;

async function startTestBot(extraEnv: Record<string, string> = {}): Promise<RunningBot> {
  const config = loadConfig(
    fakeSlackEnv(slack, page, {
      STORE_URL: `file:${await tempStatePath()}`,
      POLL_INTERVAL_SECONDS: '30',
      ...extraEnv,
    }),
  );
  const started = await start(config, createLogger('silent'));
  await started.pollNow();
  return started;
}

async function command(text: string, fields: { user?: string; channel?: string; channelName?: string } = {}) {
  const responseUrl = slack.responseUrl(`r${Math.random().toString(36).slice(2)}`);
  const response = await postSigned(
    events,
    slashCommandBody({ text, responseUrl, ...fields }),
    'application/x-www-form-urlencoded',
  );
  return { response, responseUrl: new URL(responseUrl).pathname };
}

async function respondedText(path: string): Promise<string> {
  const reply = await eventually(`a reply at ${path}`, () => slack.responses.find((r) => r.path === path));
  return String(reply.body.text);
}

beforeAll(async () => {
  page = await FakeStatusPage.start();
  slack = await FakeSlack.start();
  slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE', 'U0GUEST'] });
  slack.addChannel({
    id: 'C0SECRET',
    name: 'secret',
    isPrivate: true,
    botIsMember: false,
    members: ['U0ALICE'],
  });
  slack.addChannel({ id: 'C0OTHER', name: 'other', members: [] });
  slack.addUser({ id: 'U0ALICE' });
  slack.addUser({ id: 'U0GUEST', isGuest: true });
  // The page shows the /handshake incident open with Session management degraded.
  const offset = Date.now() - Date.parse(timeline.steps[1]?.fetchedAt ?? '');
  page.serveStep(timeline, 1, offset);
  bot = await startTestBot();
  events = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot.stop();
  await slack.close();
  await page.close();
});

describe('/clerk-status status', () => {
  it.each([[''], ['status'], ['  STATUS  ']])(
    'answers %j privately, in the ack, with what is affected and what to do',
    async (text) => {
      const { response } = await command(text);
      expect(response.status).toBe(200);
      const body = response.json() as {
        response_type: string;
        text: string;
        blocks: { text?: { text: string } }[];
      };
      expect(body.response_type).toBe('ephemeral');
      const shown = body.blocks.map((b) => b.text?.text ?? JSON.stringify(b)).join('\n');
      expect(shown).toContain('*Session management*: Degraded performance');
      expect(shown).toContain('/handshake endpoint failures');
      expect(shown).toContain('Identified · started');
      expect(shown).toContain('signed out at their next refresh'); // Session management: refreshes, not verification
      expect(shown).toMatch(/Last checked <!date\^\d+\^/);
      expect(body.text).toContain('Session management: Degraded performance');
    },
  );

  it('posts in the channel with `status public`', async () => {
    const { response } = await command('status public');
    expect((response.json() as { response_type: string }).response_type).toBe('in_channel');
  });

  it('says so in one line when all is well', async () => {
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const calm = await startTestBot();
    const response = await postSigned(
      `http://127.0.0.1:${calm.port}/slack/events`,
      slashCommandBody({ text: '', responseUrl: slack.responseUrl() }),
      'application/x-www-form-urlencoded',
    );
    const body = response.json() as { text: string; blocks: unknown[] };
    expect(body.text).toBe('All Clerk systems are operational.');
    expect(body.blocks).toHaveLength(2);
    await calm.stop();
    page.serveStep(timeline, 1, Date.now() - Date.parse(timeline.steps[1]?.fetchedAt ?? ''));
  });
});

describe('/clerk-status help and bad input', () => {
  it('answers help with the usage', async () => {
    const { response } = await command('help');
    expect((response.json() as { text: string }).text).toContain(
      '/clerk-status subscribe Session management, Webhooks',
    );
  });

  it.each([
    ['an unknown word', 'frobnicate'],
    ['a mention injection', '<!channel> *pwned* <https://evil|click>'],
    ['huge text', 'x'.repeat(20_000)],
    ['unicode noise', '🔥🔥 статус ‮'],
    ['options on help', 'help me'],
  ])('gives %s a short usage reply that never echoes the text', async (_label, text) => {
    const { response } = await command(text);
    expect(response.status).toBe(200);
    const body = response.json() as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Here is what I understand');
    expect(body.text).not.toContain('<!channel>');
    expect(body.text).not.toContain('pwned');
    expect(body.text.length).toBeLessThan(1500);
  });
});

describe('subscriptions', () => {
  beforeEach(async () => {
    await bot.subscriptions.remove('T0TEAM', 'C0OPS');
  });

  it('subscribes the channel to every change and says exactly what it will receive', async () => {
    const { response, responseUrl } = await command('subscribe');
    expect(response.status).toBe(200);
    expect(await respondedText(responseUrl)).toContain(
      'Subscribed. This channel will receive every Clerk component: every status change, incidents with updates in threads, maintenance notices on (reminder 1 h before), no mentions.',
    );
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toMatchObject({
      componentIds: [],
      minSeverity: 'operational',
    });
  });

  it('subscribes to named components, matched case-insensitively, and updates on a second subscribe', async () => {
    const first = await command('subscribe session MANAGEMENT, webhooks');
    expect(await respondedText(first.responseUrl)).toContain('*Session management*, *Webhooks*');
    const second = await command('subscribe Email delivery');
    expect(await respondedText(second.responseUrl)).toContain(
      'Updated. This channel now receives *Email delivery*',
    );
    const saved = await bot.subscriptions.get('T0TEAM', 'C0OPS');
    expect(saved?.componentNames).toEqual(['Email delivery']);
  });

  it('lists the valid components when a name is unknown, and changes nothing', async () => {
    const { responseUrl } = await command('subscribe Session management, <@U0ALICE> Teleporter');
    const text = await respondedText(responseUrl);
    expect(text).toContain('“&lt;@U0ALICE&gt; Teleporter”');
    expect(text).toContain('`Session management`');
    expect(text).toContain('`SMS delivery`');
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toBeUndefined();
  });

  it('unsubscribes', async () => {
    await respondedText((await command('subscribe')).responseUrl);
    const { responseUrl } = await command('unsubscribe');
    expect(await respondedText(responseUrl)).toContain('Unsubscribed');
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toBeUndefined();
    const again = await command('unsubscribe');
    expect(await respondedText(again.responseUrl)).toContain('was not subscribed');
  });

  it.each([
    ['a guest', { user: 'U0GUEST' }, 'Guests cannot change'],
    ['a non-member', { channel: 'C0OTHER', channelName: 'other' }, 'Only members of this channel'],
    [
      'anyone in a private channel the bot is not in',
      { channel: 'C0SECRET', channelName: 'secret' },
      '/invite <@U0BOT>',
    ],
  ])('refuses %s clearly', async (_label, fields, message) => {
    const { responseUrl } = await command('subscribe', fields);
    expect(await respondedText(responseUrl)).toContain(message);
    expect(await bot.subscriptions.listTeam('T0TEAM')).toEqual([]);
  });

  it('refuses users not in ADMIN_USER_IDS when the list is set', async () => {
    const strict = await startTestBot({ ADMIN_USER_IDS: 'U0BOSS' });
    const responseUrl = slack.responseUrl('admin-check');
    await postSigned(
      `http://127.0.0.1:${strict.port}/slack/events`,
      slashCommandBody({ text: 'subscribe', responseUrl }),
      'application/x-www-form-urlencoded',
    );
    expect(await respondedText('/respond/admin-check')).toContain('Only the admins');
    await strict.stop();
  });
});

describe('settings modal', () => {
  it('opens the modal, saves a submission and confirms in the channel', async () => {
    await command('settings');
    const open = await eventually('views.open', () => slack.callsOf('views.open').at(-1));
    const view = open.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string }[];
    };
    expect(open.args.trigger_id).toMatch(/^\d+\.\d+\.trigger$/); // the command's own, as views.open needs
    expect(view.callback_id).toBe('clerk_status_settings');
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      'components',
      'min_severity',
      'maintenance',
      'reminder',
      'confirm',
      'mention',
    ]);

    const sessionId = bot.cycle.latest?.components.find((c) => c.name === 'Session management')?.id;
    const submission = {
      type: 'view_submission',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: 'U0ALICE', team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      view: {
        ...view,
        id: 'V1',
        state: {
          values: {
            components: {
              components: { type: 'multi_static_select', selected_options: [{ value: sessionId }] },
            },
            min_severity: { min_severity: { type: 'static_select', selected_option: { value: 'partial' } } },
            maintenance: { maintenance: { type: 'radio_buttons', selected_option: { value: 'off' } } },
            mention: { mention: { type: 'static_select', selected_option: { value: 'usergroup:S0ONCALL' } } },
          },
        },
      },
    };
    const response = await postSigned(
      events,
      interactionBody(submission),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toMatchObject({
      componentIds: [sessionId],
      minSeverity: 'partial',
      maintenance: false,
      mention: { kind: 'usergroup', id: 'S0ONCALL' },
    });
    const confirmation = await eventually('the ephemeral confirmation', () =>
      slack.callsOf('chat.postEphemeral').at(-1),
    );
    expect(confirmation.args).toMatchObject({ channel: 'C0OPS', user: 'U0ALICE' });
    expect(String(confirmation.args.text)).toContain('partial outage or worse');
    expect(String(confirmation.args.text)).toContain('<!subteam^S0ONCALL>');
  });

  it('answers a tampered submission with field errors and saves nothing', async () => {
    await bot.subscriptions.remove('T0TEAM', 'C0OPS');
    const submission = {
      type: 'view_submission',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: 'U0ALICE', team_id: 'T0TEAM' },
      view: {
        id: 'V2',
        callback_id: 'clerk_status_settings',
        private_metadata: JSON.stringify({ teamId: 'T0TEAM', channelId: 'C0OPS' }),
        state: { values: { min_severity: { min_severity: { selected_option: { value: 'apocalyptic' } } } } },
      },
    };
    const response = await postSigned(
      events,
      interactionBody(submission),
      'application/x-www-form-urlencoded',
    );
    expect(response.json()).toMatchObject({
      response_action: 'errors',
      errors: { min_severity: expect.any(String) },
    });
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toBeUndefined();
  });
});

describe('request verification', () => {
  it('rejects a bad signature with 401', async () => {
    const body = slashCommandBody({ text: 'status', responseUrl: slack.responseUrl() });
    const response = await postSigned(events, body, 'application/x-www-form-urlencoded', {
      signature: 'v0=deadbeef',
    });
    expect(response.status).toBe(401);
  });

  it('rejects a request signed with another secret with 401', async () => {
    const body = slashCommandBody({ text: 'status', responseUrl: slack.responseUrl() });
    const response = await postSigned(events, body, 'application/x-www-form-urlencoded', {
      secret: 'someone-else',
    });
    expect(response.status).toBe(401);
  });

  it('rejects a stale timestamp (a replayed request) with 401', async () => {
    const body = slashCommandBody({ text: 'status', responseUrl: slack.responseUrl() });
    const response = await postSigned(events, body, 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(response.status).toBe(401);
  });
});

describe('App Home and lifecycle', () => {
  it('publishes a live home view when the tab opens', async () => {
    await bot.subscriptions.remove('T0TEAM', 'C0OPS');
    await respondedText((await command('subscribe Session management')).responseUrl);
    const response = await postSigned(
      events,
      eventBody({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home', channel: 'D0HOME' }),
      'application/json',
    );
    expect(response.status).toBe(200);
    const publish = await eventually('views.publish', () =>
      slack.callsOf('views.publish').find((c) => c.args.user_id === 'U0ALICE'),
    );
    const text = JSON.stringify(publish.args.view);
    expect(text).toContain('Session management — Degraded performance');
    expect(text).toContain('/handshake endpoint failures');
    expect(text).toContain('<#C0OPS>: *Session management*');
  });

  it('republishes the home view after a status change for users who opened it', async () => {
    const before = slack.callsOf('views.publish').length;
    page.serveStep(timeline, 2, Date.now() - Date.parse(timeline.steps[1]?.fetchedAt ?? ''));
    await bot.pollNow();
    const latest = await eventually('a refreshed home', () =>
      slack.callsOf('views.publish').length > before ? slack.callsOf('views.publish').at(-1) : undefined,
    );
    expect(JSON.stringify(latest.args.view)).toContain('All Clerk systems are operational');
  });

  it('forgets the workspace on app_uninstalled', async () => {
    await respondedText((await command('subscribe')).responseUrl);
    const response = await postSigned(events, eventBody({ type: 'app_uninstalled' }), 'application/json');
    expect(response.status).toBe(200);
    await until(
      'subscriptions removed',
      async () => (await bot.subscriptions.listTeam('T0TEAM')).length === 0,
    );
  });

  it('forgets the workspace when the bot token is revoked, not for user tokens alone', async () => {
    await respondedText((await command('subscribe')).responseUrl);
    await postSigned(
      events,
      eventBody({ type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'] } }),
      'application/json',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await bot.subscriptions.listTeam('T0TEAM')).toHaveLength(1);
    await postSigned(
      events,
      eventBody({ type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } }),
      'application/json',
    );
    await until(
      'subscriptions removed',
      async () => (await bot.subscriptions.listTeam('T0TEAM')).length === 0,
    );
  });
});
