/**
 * The real bot against a hostile status page: its JSON names another host as the page, and its texts carry
 * mentions, broadcasts and links to that host. Nothing the bot posts links there or mentions anyone, in blocks
 * or in `text`, and `status public` says the same page in the channel without any of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { until } from '../../devkit/wait.js';

const processes: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
});

const EVIL = 'https://evil.example';
const hostile = `<!channel> Reset your password at <${EVIL}/reset|clerk.com> or [here](${EVIL}/login) <@U0ADMIN> <!subteam^S1>`;
const at = (ago: number) => new Date(Date.now() - ago * 1000).toISOString();
const page = { id: 'P', name: 'Clerk', url: `${EVIL}/` };

describe('a hostile status page', () => {
  it('never yields a link to another host, nor a mention, in anything the bot posts', async () => {
    const status = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE'] });
    slack.addUser({ id: 'U0ALICE' });
    const component = (s: string) => [
      { id: 'C1', name: `Sessions ${hostile}`, status: s, updated_at: at(60) },
    ];
    status.serve({ page, components: component('operational') }, { page, incidents: [] });
    const bot = spawnBot({
      ...fakeSlackEnv(slack, status, {
        STORE_URL: `file:${await tempStatePath()}`,
        POLL_INTERVAL_SECONDS: '1',
      }),
    });
    processes.push(bot);
    const port = await bot.port();
    await bot.waitFor('seed', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
    const events = `http://127.0.0.1:${port}/slack/events`;
    await postSigned(
      events,
      slashCommandBody({ text: 'subscribe', channel: 'C0OPS', responseUrl: slack.responseUrl('s') }),
      'application/x-www-form-urlencoded',
    );
    await until('subscribed', () => slack.responses.length === 1);
    const incident = {
      id: `INC<!channel>`,
      name: `Outage ${hostile}`,
      status: 'investigating',
      impact: 'critical',
      created_at: at(30),
      updated_at: at(5),
      shortlink: `${EVIL}/short`,
      incident_updates: [
        { id: 'U2', status: 'identified', body: `Second: ${hostile}`, created_at: at(5) },
        { id: 'U1', status: 'investigating', body: `First: ${hostile}`, created_at: at(30) },
      ],
    };
    status.serve(
      { page, components: component('major_outage'), incidents: [incident] },
      { page, incidents: [incident] },
    );
    await until('the parent and the reply', () => slack.messages.length >= 2, { timeoutMs: 20_000 });
    const answer = await postSigned(
      events,
      slashCommandBody({ text: 'status public', channel: 'C0OPS', responseUrl: slack.responseUrl('p') }),
      'application/x-www-form-urlencoded',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await bot.kill('SIGTERM');
    await slack.close();
    await status.close();

    const posted = [
      ...slack.messages.map((m) => JSON.stringify({ text: m.text, blocks: m.blocks })),
      answer.text,
    ];
    expect(posted.length).toBeGreaterThanOrEqual(3);
    for (const text of posted) {
      expect(text).not.toMatch(/<https?:\/\/evil\.example/);
      expect(text).not.toMatch(/<!(channel|here|everyone)>|<@U0ADMIN>|<!subteam\^S1>/);
    }
    expect(posted.join('\n')).toContain('First: ');
    // Links to the incident are built from CLERK_STATUS_URL, with the page's id encoded.
    expect(posted.join('\n')).toContain(`<${status.url}/incidents/INC%3C!channel%3E|`);
  }, 60_000);
});
