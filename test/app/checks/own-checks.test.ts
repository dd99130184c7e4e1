/**
 * Own checks end to end in one bot over loopback: a CHECKS_FILE pointing at a fake app server of the suite's own.
 * A check that starts failing alerts once, with the verdict "likely your side" while Clerk's page is quiet; the thread
 * says "likely Clerk" once Clerk opens an incident; recovery replies and edits the parent. A check that hangs fails
 * on its own timeout without holding the others; header values reach the app and nothing else.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAppServer } from '../../../devkit/fake-app-server.js';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { eventBody, postSigned, slashCommandBody } from '../../../devkit/slack-requests.js';
import { loadTimeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const timeline = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');
const SECRET = 'tok-secret-5f2c';
const HEALTH = '/api/auth/health';
let app: FakeAppServer;
let page: FakeStatusPage;
let slack: FakeSlack;
let bot: RunningBot;
let offset: number;

const CHECKS = `checks:
  - name: auth-health
    url: \${APP}${HEALTH}
    every: 1s
    headers: { Authorization: "Bearer \${HEALTH_TOKEN}" }
    expect: { body: '"ok":true' }
    failures: 2
  - name: hanging
    url: \${APP}/hang
    every: 1s
    timeout: 500ms
    failures: 100
`;

beforeAll(async () => {
  app = await FakeAppServer.start();
  app.modes.set('/hang', 'hang');
  page = await FakeStatusPage.start();
  slack = await FakeSlack.start();
  slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE'] });
  slack.addUser({ id: 'U0ALICE' });
  offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  page.serveStep(timeline, 0, offset);
  const file = join(await mkdtemp(join(tmpdir(), 'clerk-checks-')), 'checks.yml');
  await writeFile(file, CHECKS);
  const config = loadConfig(
    fakeSlackEnv(slack, page, {
      STORE_URL: `file:${await tempStatePath()}`,
      CHECKS_FILE: file,
      APP: app.url,
      HEALTH_TOKEN: SECRET,
    }),
  );
  bot = await start(config, createLogger('silent'), { pacing: NO_PACING, deliveryRetryMs: 30 });
  await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0OPS', 'U0ALICE', new Date().toISOString()));
  bot.startSchedule();
});

afterAll(async () => {
  await bot?.stop();
  await Promise.all([app?.close(), slack?.close(), page?.close()]);
});

/** Delivers what is queued, then asks again: the condition is what the channel shows. */
const shows = (what: string, check: () => boolean, timeoutMs = 20_000) =>
  until(what, async () => (await bot.deliverNow()) >= 0 && check(), {
    timeoutMs,
    detail: () => slack.transcript('C0OPS').join('\n'),
  });
const checkParent = () => slack.parents('C0OPS').find((m) => m.text.includes('Own check auth-health'));

describe('own checks against the team’s own app', () => {
  it('passing: runs every second with the header, and says nothing', async () => {
    await until('two passing runs', () => app.to(HEALTH).length >= 2);
    expect(app.to(HEALTH)[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(checkParent()).toBeUndefined();
  });

  it('failing twice in a row: one alert, likely your side while Clerk’s page is quiet', async () => {
    app.modes.set(HEALTH, 'fail');
    await shows('the alert', () => checkParent() !== undefined);
    const parent = checkParent();
    expect(parent?.text).toContain('likely your side');
    expect(JSON.stringify(parent?.blocks)).toContain('rotated or expired');
    expect(JSON.stringify(parent?.blocks)).toContain('status 503');
  });

  it('Clerk opens an incident while it fails: the thread says likely Clerk', async () => {
    page.serveStep(timeline, 1, offset);
    await bot.pollNow();
    await shows('the verdict change', () =>
      slack.replies('C0OPS', checkParent()?.ts ?? '').some((r) => r.text.includes('likely Clerk')),
    );
    expect(slack.parents('C0OPS').filter((m) => m.text.includes('Own check auth-health'))).toHaveLength(1);
  });

  it('recovers: a reply with how long it failed, and the parent edited', async () => {
    app.modes.set(HEALTH, 'pass');
    await shows('the recovery', () =>
      slack.replies('C0OPS', checkParent()?.ts ?? '').some((r) => r.text.includes('passes again')),
    );
    await shows('the parent edited', () => (checkParent()?.text ?? '').includes('recovered'));
  });

  it('a hanging check fails on its own timeout and holds nothing up; /status and the command show both', async () => {
    await until('the hanging check failing', async () => {
      const status = (await (await fetch(`http://127.0.0.1:${bot.port}/status`)).json()) as {
        checks: { name: string; state: string; lastError: string | null }[];
      };
      return status.checks.some((c) => c.name === 'hanging' && c.lastError === 'timeout after 0.5 s');
    });
    // Both ran on their schedule: the hanging one never delayed the health check.
    expect(Math.abs(app.to('/hang').length - app.to(HEALTH).length)).toBeLessThanOrEqual(2);
    const status = await (await fetch(`http://127.0.0.1:${bot.port}/status`)).text();
    expect(status).toContain('"name":"auth-health"');
    const responseUrl = slack.responseUrl('checks');
    await postSigned(
      `http://127.0.0.1:${bot.port}/slack/events`,
      slashCommandBody({ text: 'checks', responseUrl }),
      'application/x-www-form-urlencoded',
    );
    await until('the checks reply', () =>
      slack.responses.some((r) => r.path === new URL(responseUrl).pathname),
    );
    const reply = JSON.stringify(slack.responses.find((r) => r.path === new URL(responseUrl).pathname)?.body);
    expect(reply).toContain('auth-health');
    expect(reply).toContain('24 h:');
    // App Home has the same section.
    await postSigned(
      `http://127.0.0.1:${bot.port}/slack/events`,
      eventBody({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home', channel: 'D0HOME' }),
      'application/json',
    );
    await until('App Home published', () => slack.callsOf('views.publish').length > 0);
    const home = JSON.stringify(slack.callsOf('views.publish').at(-1)?.args.view);
    expect(home).toContain('*Own checks*');
    expect(home).toContain('*hanging* failing');
    // The header's value went to the app only: never to Slack, /status, the command or App Home.
    for (const text of [status, reply, home, JSON.stringify(slack.messages)])
      expect(text).not.toContain(SECRET);
  });
});
