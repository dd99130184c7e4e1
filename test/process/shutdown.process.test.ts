/**
 * SIGTERM in the middle of a fan-out: the process exits 0 within its grace period, and after a restart every
 * channel has its messages exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const processes: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
});

describe('graceful shutdown', () => {
  it('exits 0 on SIGTERM mid fan-out, and the restart finishes it without repeats', async () => {
    const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    const channels = Array.from({ length: 24 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    for (const id of channels) slack.addChannel({ id, name: id.toLowerCase(), members: ['U0ALICE'] });
    slack.addUser({ id: 'U0ALICE' });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const env = fakeSlackEnv(slack, page, {
      POLL_INTERVAL_SECONDS: '1',
      STORE_URL: `file:${await tempStatePath()}`,
    });
    let bot = spawnBot(env);
    processes.push(bot);
    const port = await bot.port();
    await bot.waitFor('seed', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
    for (const channel of channels) {
      const body = slashCommandBody({ text: 'subscribe', channel, responseUrl: slack.responseUrl(channel) });
      await postSigned(`http://127.0.0.1:${port}/slack/events`, body, 'application/x-www-form-urlencoded');
    }
    await until('all subscriptions', () => slack.responses.length === channels.length, { timeoutMs: 60_000 });

    // 48 posts at the default pace of 4 per second: about 12 s of fan-out. Stop it a few seconds in.
    page.serveStep(timeline, 1, offset);
    await until('the fan-out to start', () => slack.callsOf('chat.postMessage').length >= 8, {
      timeoutMs: 60_000,
    });
    const stoppedAt = Date.now();
    expect(await bot.kill('SIGTERM')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    const sentBeforeStop = slack.messages.length;
    expect(sentBeforeStop).toBeLessThan(channels.length * 2);
    expect(bot.logs.some((l) => l.msg === 'stopped')).toBe(true);

    bot = spawnBot(env);
    processes.push(bot);
    await until(
      'every channel to have its parent (the component change is folded into it)',
      () => channels.every((c) => slack.parents(c).length === 1),
      { timeoutMs: 60_000 },
    );
    await bot.settled();
    const seen = () =>
      JSON.stringify(slack.messages.map((m) => [m.channel, m.threadTs ?? '', m.text.slice(0, 60)]));
    expect(slack.messages, `messages: ${seen()}\nlogs: ${JSON.stringify(bot.logs.slice(-20))}`).toHaveLength(
      channels.length,
    );
    const ids = slack.deliveryIds();
    expect(new Set(ids).size).toBe(ids.length);
    await bot.kill('SIGTERM');
    await slack.close();
    await page.close();
  }, 90_000);
});
