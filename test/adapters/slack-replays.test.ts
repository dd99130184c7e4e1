/**
 * Each Slack request is handled once (CONTRACT, Promises): an event Slack re-delivers (`X-Slack-Retry-Num`, the same
 * `event_id`) and a correctly signed command replayed within Bolt's five-minute window (the same body, signature and
 * `trigger_id`) are acknowledged and change nothing. Signed requests into the real bot over loopback (HTTP mode).
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

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
let page: FakeStatusPage;
let slack: FakeSlack;
let bot: RunningBot;
let events: string;

beforeAll(async () => {
  page = await FakeStatusPage.start();
  slack = await FakeSlack.start();
  slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE'] });
  slack.addUser({ id: 'U0ALICE' });
  page.serveStep(timeline, 1, Date.now() - Date.parse(timeline.steps[1]?.fetchedAt ?? ''));
  const config = loadConfig(
    fakeSlackEnv(slack, page, { STORE_URL: `file:${await tempStatePath()}`, POLL_INTERVAL_SECONDS: '30' }),
  );
  bot = await start(config, createLogger('silent'));
  await bot.pollNow();
  events = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await page?.close();
});

const form = 'application/x-www-form-urlencoded';

describe('Slack requests handled once', () => {
  it('an event re-delivered with X-Slack-Retry-Num is acknowledged and not handled again', async () => {
    const body = eventBody({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home', channel: 'D0HOME' });
    const publishes = () => slack.callsOf('views.publish').filter((c) => c.args.user_id === 'U0ALICE').length;
    expect((await postSigned(events, body, 'application/json')).status).toBe(200);
    await until('the home published', () => publishes() === 1);
    for (const retry of ['1', '2']) {
      const again = await postSigned(events, body, 'application/json', {
        headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(again.status).toBe(200);
    }
    // A different event (its own event_id) is handled: proof the listener still runs, and the retries were done.
    await postSigned(
      events,
      eventBody({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home', channel: 'D0HOME' }),
      'application/json',
    );
    await until('the second event handled', () => publishes() === 2);
    expect(await repeated('event')).toBe(2);
    expect(publishes()).toBe(2);
  });

  it('a signed command replayed within five minutes changes nothing and answers nothing', async () => {
    const say = async (text: string, triggerId: string) => {
      const responseUrl = slack.responseUrl(`r-${triggerId}`);
      const body = slashCommandBody({ text, responseUrl, triggerId });
      const timestamp = Math.floor(Date.now() / 1000);
      const send = () => postSigned(events, body, form, { timestamp });
      const path = new URL(responseUrl).pathname;
      const answers = () => slack.responses.filter((r) => r.path === path).length;
      return { response: await send(), replay: send, answers };
    };
    const unsubscribe = await say('unsubscribe', '111.1.trigger');
    await until('the unsubscribe answered', () => unsubscribe.answers() === 1);
    const subscribe = await say('subscribe', '111.2.trigger');
    await until('the subscribe answered', () => subscribe.answers() === 1);
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toBeDefined();
    // Someone who captured the earlier request sends it again, signature and all, within the five minutes.
    const replayed = await unsubscribe.replay();
    expect(replayed.status).toBe(200);
    await until('the replay recognised', async () => (await repeated('trigger')) === 1);
    // It reached no listener: the channel is still subscribed, and the first request's answer is its only one.
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toBeDefined();
    expect(unsubscribe.answers()).toBe(1);
  });
});

/** The bot's own count of repeated requests it ignored, from /metrics. */
async function repeated(kind: 'event' | 'trigger'): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`clerk_status_slack_requests_repeated_total{kind="${kind}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
}

describe('set, through the slash command', () => {
  const say = async (text: string) => {
    const responseUrl = slack.responseUrl(`set-${Math.random().toString(36).slice(2)}`);
    await postSigned(events, slashCommandBody({ text, responseUrl }), form);
    const path = new URL(responseUrl).pathname;
    await until(`an answer to ${text}`, () => slack.responses.some((r) => r.path === path));
    return String(slack.responses.find((r) => r.path === path)?.body.text ?? '');
  };

  it('changes one setting of a subscribed channel and says what it receives now', async () => {
    await say('subscribe');
    const answer = await say('set severity partial');
    expect(answer).toMatch(/partial outage or worse/i);
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toMatchObject({ minSeverity: 'partial' });
  });

  it('a bad key or value changes nothing and lists what is valid', async () => {
    const before = await bot.subscriptions.get('T0TEAM', 'C0OPS');
    expect(await say('set colour blue')).toMatch(/There is no setting `colour`/);
    expect(await say('set severity huge')).toMatch(/`severity` takes/);
    expect(await bot.subscriptions.get('T0TEAM', 'C0OPS')).toEqual(before);
  });
});

describe('test, through the slash command', () => {
  const run = async (channel: string) => {
    const responseUrl = slack.responseUrl(`test-${channel}-${Math.random().toString(36).slice(2)}`);
    await postSigned(
      events,
      slashCommandBody({ text: 'test', channel, channelName: channel.toLowerCase(), responseUrl }),
      form,
    );
    const path = new URL(responseUrl).pathname;
    await until('the answer', () => slack.responses.some((r) => r.path === path));
    return String(slack.responses.find((r) => r.path === path)?.body.text ?? '');
  };

  it('posts a sample alert in the channel, marked as a test, through the delivery path', async () => {
    expect(await run('C0OPS')).toMatch(/Posted a test alert/);
    const posted = slack.messages.filter((m) => m.channel === 'C0OPS' && m.text.startsWith('TEST'));
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.blocks)).toContain('Nothing is wrong with Clerk');
  });

  it('tells the caller privately when Slack refuses it', async () => {
    const before = slack.messages.length;
    slack.failNext('chat.postMessage', { kind: 'error', error: 'restricted_action' }); // a workspace policy
    expect(await run('C0OPS')).toMatch(/could not post here: Slack answered `restricted_action`/);
    expect(slack.faultsFired).toContain('chat.postMessage:error');
    expect(slack.messages.length).toBe(before);
  });
});
