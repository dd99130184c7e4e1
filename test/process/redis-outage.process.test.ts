/**
 * Redis goes away and comes back. While it is down the bot skips poll ticks (it never polls without being able
 * to record), answers /clerk-status from memory, says why in /readyz, and logs the outage once. When Redis
 * returns it resumes: what happened meanwhile is delivered once, nothing earlier is repeated.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { OwnRedis, redisServerInstalled } from '../../devkit/redis.js';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const installed = await redisServerInstalled('Redis outage');

describe.runIf(installed)('Redis outage', () => {
  it('skips polls while Redis is down, keeps answering, and resumes without repeats', async () => {
    const redis = new OwnRedis(6391 + (process.pid % 500), await mkdtemp(join(tmpdir(), 'clerk-redis-')));
    await redis.start();
    cleanups.push(() => redis.stop());
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    cleanups.push(
      () => page.close(),
      () => slack.close(),
    );
    slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE'] });
    slack.addUser({ id: 'U0ALICE' });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const bot: BotProcess = spawnBot(
      fakeSlackEnv(slack, page, { POLL_INTERVAL_SECONDS: '1', STORE_URL: redis.url }),
    );
    cleanups.push(() => bot.kill());
    const port = await bot.port();
    const events = `http://127.0.0.1:${port}/slack/events`;
    await bot.waitFor('seed', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
    await postSigned(
      events,
      slashCommandBody({ text: 'subscribe', channel: 'C0OPS', responseUrl: slack.responseUrl('sub') }),
      'application/x-www-form-urlencoded',
    );
    await until('subscribed', () => slack.responses.length === 1);
    page.serveStep(timeline, 1, offset);
    await until('the incident', () => slack.transcript('C0OPS').length === 1);

    await redis.stop();
    page.serveStep(timeline, 2, offset);
    const requestsAtOutage = page.requests.length;
    await until('the outage to be noticed', async () => {
      const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as {
        store: { ok: boolean };
      };
      return !status.store.ok;
    });
    const status = await (await fetch(`http://127.0.0.1:${port}/status`)).json();
    expect(status).toMatchObject({
      store: { ok: false, error: expect.stringContaining('STORE_UNAVAILABLE') },
    });
    // Readiness does not depend on the store: commands still answer from memory.
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const answer = await postSigned(
      events,
      slashCommandBody({ text: 'status', responseUrl: slack.responseUrl('st') }),
      'application/x-www-form-urlencoded',
    );
    expect(answer.text).toContain('Session management*: Degraded performance');
    // A change needs the store: the reply says the bot's own store failed, never that Slack answered something.
    const changeUrl = slack.responseUrl('sub-during-outage');
    await postSigned(
      events,
      slashCommandBody({ text: 'subscribe Session management', channel: 'C0OPS', responseUrl: changeUrl }),
      'application/x-www-form-urlencoded',
    );
    await until('the reply to subscribe', () => slack.responses.some((r) => changeUrl.endsWith(r.path)), {
      timeoutMs: 15_000,
    });
    const reply = String(slack.responses.find((r) => changeUrl.endsWith(r.path))?.body.text);
    expect(reply).toContain('could not reach its own store');
    expect(reply).not.toContain('Slack answered');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(page.requests.length).toBe(requestsAtOutage); // no polls while nothing can be recorded
    expect(bot.logs.filter((l) => String(l.msg).startsWith('store unavailable'))).toHaveLength(1);
    expect(slack.transcript('C0OPS')).toHaveLength(1);

    await redis.start();
    await until('the resolution', () => slack.transcript('C0OPS').length === 2);
    await bot.settled();
    expect(slack.transcript('C0OPS')).toEqual([
      'Clerk incident: /handshake endpoint failures — Resolved after 36 min [edited 1x]',
      '  (broadcast) Resolved after 36 min: /handshake endpoint failures — The issue has been resolved',
    ]);
    expect(bot.logs.filter((l) => l.msg === 'store answers again; resuming')).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/status`)).json()).toMatchObject({
      store: { ok: true },
    });
  }, 90_000);
});
