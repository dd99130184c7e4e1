/**
 * The real process at LOG_LEVEL=trace, driven through commands, App Home and a failing delivery: none of the
 * secrets it was given, nor a response_url, appears anywhere in what it writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { eventBody, postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';

const SECRET_SIGNING = 'signing-SECRETSIGN-0123456789abcdef';
const processes: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
});

describe('logs without secrets', () => {
  it('never writes a token, secret or response_url, at any level', async () => {
    const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE'] });
    slack.addUser({ id: 'U0ALICE' });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const bot = spawnBot(
      fakeSlackEnv(slack, page, {
        SLACK_BOT_TOKEN: 'xoxb-1111-SECRETBOT',
        SLACK_SIGNING_SECRET: SECRET_SIGNING,
        POLL_INTERVAL_SECONDS: '1',
        STORE_URL: `file:${await tempStatePath()}`,
        LOG_LEVEL: 'trace',
      }),
    );
    processes.push(bot);
    const events = `http://127.0.0.1:${await bot.port()}/slack/events`;
    await bot.waitFor('seed', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
    const sign = { secret: SECRET_SIGNING };
    const hooks = (id: string) => `https://hooks.slack.com/commands/T0TEAM/${id}/SECRETRESPONSE${id}`;
    for (const text of ['help', 'status', 'bogus <!channel>']) {
      await postSigned(
        events,
        slashCommandBody({ text, responseUrl: hooks('1') }),
        'application/x-www-form-urlencoded',
        sign,
      );
    }
    // respond() to an unreachable response_url fails and is logged: the URL must not be.
    await postSigned(
      events,
      slashCommandBody({ text: 'subscribe', responseUrl: hooks('2') }),
      'application/x-www-form-urlencoded',
      sign,
    );
    await postSigned(
      events,
      eventBody({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home' }),
      'application/json',
      sign,
    );
    await bot.waitFor('the subscription', () => bot.logs.some((l) => l.msg === 'subscription changed'));
    slack.failNext('chat.postMessage', { kind: 'error', error: 'invalid_auth' });
    page.serveStep(timeline, 1, offset);
    await bot.waitFor('the configuration error', () =>
      bot.logs.some((l) => String(l.msg).includes('refused the bot its token')),
    );
    await bot.kill('SIGTERM');
    await slack.close();
    await page.close();

    const everything = [...bot.stdout, ...bot.logs.map((l) => JSON.stringify(l))].join('\n');
    expect(bot.logs.length).toBeGreaterThan(20);
    expect(everything).not.toMatch(/SECRET[A-Z]+/);
    expect(everything).not.toContain('hooks.slack.com/commands');
  }, 60_000);
});
