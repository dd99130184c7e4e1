/**
 * The real process at LOG_LEVEL=trace in the modes logs.process.test.ts does not cover: Socket Mode with the
 * early-warning probes failing (the Clerk secret key in every Backend API request), and the OAuth install flow
 * (client secret, state secret and a one-time code on the wire). None of those values appears in what it writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClerk } from '../../devkit/fake-clerk.js';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeSocketMode } from '../../devkit/fake-socket-mode.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { PUBLISHABLE_KEY } from '../../devkit/harness/early-warning-rig.js';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function fakes() {
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  closers.push(
    () => slack.close(),
    () => page.close(),
  );
  const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
  page.serveStep(timeline, 0, Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? ''));
  return { page, slack };
}

function spawn(env: Record<string, string>): BotProcess {
  const bot = spawnBot({ ...env, LOG_LEVEL: 'trace' });
  closers.push(() => bot.kill());
  return bot;
}

/** Everything the process wrote, stdout and stderr. */
const written = (bot: BotProcess) => [...bot.stdout, ...bot.logs.map((l) => JSON.stringify(l))].join('\n');

describe('logs without secrets, in the other modes', () => {
  it('Socket Mode with failing early-warning probes: no app token, bot token or Clerk secret key', async () => {
    const { page, slack } = await fakes();
    const socket = await FakeSocketMode.start();
    const clerk = await FakeClerk.start('sk_test_SECRETCLERKKEY0123456789');
    closers.push(
      () => socket.close(),
      () => clerk.close(),
    );
    slack.socketModeUrl = socket.url;
    clerk.mode.backend = '503';
    const bot = spawn(
      fakeSlackEnv(slack, page, {
        SLACK_BOT_TOKEN: 'xoxb-2222-SECRETSOCKETBOT',
        SLACK_SIGNING_SECRET: '',
        SLACK_APP_TOKEN: 'xapp-1-SECRETAPPTOKEN',
        POLL_INTERVAL_SECONDS: '1',
        PROBE_INTERVAL_SECONDS: '1',
        STORE_URL: `file:${await tempStatePath()}`,
        CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
        CLERK_FRONTEND_API_URL: clerk.url,
        CLERK_SECRET_KEY: clerk.secretKey,
        CLERK_API_URL: clerk.url,
      }),
    );
    await bot.port();
    await until('the socket to connect', () => socket.connected, { timeoutMs: 15_000 });
    socket.send('slash_commands', {
      command: '/clerk-status',
      text: 'status',
      team_id: 'T0TEAM',
      channel_id: 'C0OPS',
      user_id: 'U0ALICE',
      response_url: slack.responseUrl('s'),
    });
    await until('the ack', () => socket.acks.length > 0, { timeoutMs: 10_000 });
    await bot.waitFor(
      'the warning',
      () => bot.logs.some((l) => String(l.msg).startsWith('early warning')),
      20_000,
    );
    await bot.kill('SIGTERM');
    expect(
      clerk.requests.filter((r) => r.authorization === `Bearer ${clerk.secretKey}`).length,
    ).toBeGreaterThan(4);
    expect(bot.logs.filter((l) => Number(l.level) <= 20).length).toBeGreaterThan(10); // the SDK's debug lines were written
    expect(written(bot)).not.toMatch(/SECRET[A-Z]+/);
  }, 60_000);

  it('the OAuth install: no client secret, state secret, one-time code or installed token', async () => {
    const { page, slack } = await fakes();
    slack.addChannel({ id: 'C0TWO', name: 'two-ops', team: 'T0TWO', members: ['U0BOB'] });
    slack.addUser({ id: 'U0BOB' });
    slack.oauthCodes.set('code-SECRETCODE-abcdef', {
      teamId: 'T0TWO',
      token: 'xoxb-3333-SECRETINSTALLED',
      botUserId: 'U0BOT2',
    });
    const signing = 'signing-SECRETSIGNOAUTH-0123456789';
    const bot = spawn(
      fakeSlackEnv(slack, page, {
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: signing,
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-SECRETCLIENT-0123456789',
        SLACK_STATE_SECRET: 'state-SECRETSTATE-0123456789',
        POLL_INTERVAL_SECONDS: '1',
        STORE_URL: `file:${await tempStatePath()}`,
      }),
    );
    const base = `http://127.0.0.1:${await bot.port()}`;
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const callback = await fetch(
      `${base}/slack/oauth_redirect?code=code-SECRETCODE-abcdef&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(callback.status).toBe(200);
    expect(slack.callsOf('oauth.v2.access')).toHaveLength(1);
    await postSigned(
      `${base}/slack/events`,
      slashCommandBody({
        text: 'subscribe',
        team: 'T0TWO',
        channel: 'C0TWO',
        user: 'U0BOB',
        responseUrl: slack.responseUrl('two'),
      }),
      'application/x-www-form-urlencoded',
      { secret: signing },
    );
    await until('the subscription', () => slack.responses.some((r) => r.path === '/respond/two'), {
      timeoutMs: 10_000,
    });
    expect(slack.callsOf('conversations.info').at(-1)?.token).toBe('xoxb-3333-SECRETINSTALLED');
    await bot.kill('SIGTERM');
    expect(bot.logs.filter((l) => Number(l.level) <= 20).length).toBeGreaterThan(10);
    expect(written(bot)).not.toMatch(/SECRET[A-Z]+/);
  }, 60_000);
});
