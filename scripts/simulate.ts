/**
 * See the bot work with no Slack app and no internet, in one command:
 *
 *   npm run simulate                                   # the /handshake incident
 *   npm run simulate -- clerk-2026-02-10-dns-outage    # any recorded Clerk incident
 *   npm run simulate -- --all --step-seconds 2         # every recorded incident, one after another
 *   npm run simulate -- --checks                       # an own check failing: likely your side, then likely Clerk
 *   npm run simulate -- --dashboard                    # the dashboard mid-outage, photographed to docs/dashboard.png
 *
 * It starts a local status page replaying a recorded Clerk incident, a local fake Slack that shows what each
 * channel receives, and the real bot wired to both (1-second polls), with two demo channels subscribed through
 * the real /clerk-status command. It exits by itself when the timeline ends, with a summary.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { postSigned, slashCommandBody } from '../devkit/slack-requests.js';
import { renderActivity } from '../devkit/terminal-view.js';
import { loadTimeline, timelineNames } from '../devkit/timeline.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';
import { checksScenario, ownApp } from './simulate-checks.js';
import { dashboardScreenshot } from './simulate-dashboard.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    all: { type: 'boolean', default: false },
    'step-seconds': { type: 'string', default: '3' },
    blocks: { type: 'boolean', default: false },
    checks: { type: 'boolean', default: false },
    dashboard: { type: 'boolean', default: false },
  },
});
if (values.dashboard) {
  await dashboardScreenshot();
  process.exit(0);
}
const names = values.all
  ? timelineNames()
  : [
      positionals[0] ??
        (values.checks
          ? 'clerk-2026-04-22-platform-api-partial-outage'
          : 'clerk-2026-04-26-handshake-endpoint'),
    ];
for (const name of names) {
  if (!timelineNames().includes(name)) {
    console.error(`Unknown fixture "${name}". Choose one of:\n  ${timelineNames().join('\n  ')}`);
    process.exit(2);
  }
}
const stepMs = Math.max(1.5, Number(values['step-seconds'])) * 1000;
const started = Date.now();
const clock = () => `+${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const page = await FakeStatusPage.start();
const slack = await FakeSlack.start();
const channelNames: Record<string, string> = { C0DEMO: 'clerk-status', C0AUTH: 'auth-oncall' };
for (const [id, name] of Object.entries(channelNames)) slack.addChannel({ id, name, members: ['U0YOU'] });
slack.addUser({ id: 'U0YOU' });
slack.onActivity = (activity) => {
  console.log(
    renderActivity(activity, channelNames[activity.message.channel] ?? activity.message.channel, clock()),
  );
  // --blocks: what Slack would draw, as Block Kit (paste it into the Block Kit Builder).
  if (values.blocks) console.log(`         ${JSON.stringify({ blocks: activity.message.blocks ?? [] })}`);
};

const stateDir = await mkdtemp(join(tmpdir(), 'clerk-simulate-'));
const first = loadTimeline(names[0] as string);
page.serveStepNow(first, 0);
const own = values.checks ? await ownApp(stateDir) : undefined;
const config = loadConfig(
  fakeSlackEnv(slack, page, {
    SLACK_BOT_TOKEN: 'xoxb-simulator',
    POLL_INTERVAL_SECONDS: '1',
    STORE_URL: `file:${join(stateDir, 'state.db')}`,
    LOG_LEVEL: 'silent',
    ...own?.env,
  }),
);
const bot = await start(config, createLogger('silent'));
bot.startSchedule();
await sleep(1_500);

console.log(
  `Simulating ${names.join(', ')}: status page ${page.url}, fake Slack ${slack.url}, bot on :${bot.port}\n`,
);
const events = `http://127.0.0.1:${bot.port}/slack/events`;
for (const [channel, text] of [
  ['C0DEMO', 'subscribe'],
  ['C0AUTH', 'subscribe User and authentication, Session management'],
] as const) {
  const responseUrl = slack.responseUrl(channel);
  await postSigned(
    events,
    slashCommandBody({ text, channel, user: 'U0YOU', responseUrl }),
    'application/x-www-form-urlencoded',
  );
  while (!slack.responses.some((r) => r.path.endsWith(channel))) await sleep(50);
  const reply = String(slack.responses.find((r) => r.path.endsWith(channel))?.body.text ?? '');
  console.log(
    `${clock()} #${channelNames[channel]}  /clerk-status ${text}\n         ${reply.replace(/[*`]/g, '').split('\n')[0]}`,
  );
}

if (own)
  await checksScenario({ app: own.app, slack, page, timeline: first, stepMs }, (line) =>
    console.log(`\n${clock()} ${line}`),
  );
for (const name of own ? [] : names) {
  const timeline = loadTimeline(name);
  console.log(`\n${clock()} ── ${name}: ${timeline.description}`);
  page.serveStepNow(timeline, 0);
  await sleep(stepMs);
  for (let i = 1; i < timeline.steps.length; i++) {
    console.log(`${clock()} status page → ${timeline.steps[i]?.label}`);
    page.serveStepNow(timeline, i);
    await sleep(stepMs);
  }
}
while ((await bot.pendingEvents()) > 0) await sleep(200);
await sleep(1_000);

// --blocks: each edited message's final Block Kit too (what the channel shows at the end, e.g. the resolved parent).
if (values.blocks)
  for (const m of slack.messages.filter((message) => message.edits.length > 0))
    console.log(
      `\n#${channelNames[m.channel] ?? m.channel} final (after ${m.edits.length} edit${m.edits.length === 1 ? '' : 's'}): ${m.text}\n         ${JSON.stringify({ blocks: m.blocks ?? [] })}`,
    );
const edits = slack.messages.reduce((n, m) => n + m.edits.length, 0);
const parents = slack.messages.filter((m) => !m.threadTs).length;
const ids = slack.deliveryIds();
console.log(
  `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s: ${slack.messages.length} messages (${parents} parents, ${slack.messages.length - parents} thread replies), ${edits} edits, ${ids.length - new Set(ids).size} duplicates, ${page.requests.length} status-page requests.`,
);
await bot.stop();
await own?.app.close();
await slack.close();
await page.close();
await rm(stateDir, { recursive: true, force: true });
