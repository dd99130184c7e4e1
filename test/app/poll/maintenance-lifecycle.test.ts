/**
 * Scheduled maintenance end to end over loopback: the real bot, a fake Atlassian-shaped status page, the fake Slack
 * and a real SQLite file, on a clock moved by hand. The bot is stopped after Clerk schedules the window and started
 * again after the reminder was due: the reminder comes once, late and saying so, from the stored schedule; start and
 * completion follow in the same thread and the parent is kept current. A window moved after its reminder reminds
 * again for the new time; one cancelled says so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { ManualClock, tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-12-07T22:00:00.000Z');
const START = T0 + 3 * HOUR;

interface RawMaintenance {
  id: string;
  name: string;
  status: string;
  scheduled_for: string;
  scheduled_until: string;
  created_at: string;
  updated_at: string;
  incident_updates: { id: string; status: string; body: string; created_at: string }[];
}

function pageWith(maintenances: RawMaintenance[]) {
  const base = JSON.parse(readFileSync('test/fixtures/atlassian-summary.json', 'utf8'));
  const components = (base.components as { status: string }[]).map((c) => ({ ...c, status: 'operational' }));
  return { ...base, components, incidents: [], scheduled_maintenances: maintenances };
}

const iso = (ms: number) => new Date(ms).toISOString();
const upgrade = (status: string, startMs = START): RawMaintenance => ({
  id: 'mnt-db',
  name: 'Database upgrade <!channel>',
  status,
  scheduled_for: iso(startMs),
  scheduled_until: iso(startMs + 2 * HOUR),
  created_at: iso(T0),
  updated_at: iso(T0),
  incident_updates: [
    { id: 'u1', status, body: 'Sign-ins may be slow for a few minutes.', created_at: iso(T0) },
  ],
});

describe('the maintenance lifecycle', () => {
  it('parent when scheduled, the reminder once after a restart (late), start and completion in its thread', async () => {
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    slack.addChannel({ id: 'C0MAINT', name: 'maint' });
    slack.addChannel({ id: 'C0NOREM', name: 'norem' });
    const incidents = { page: { name: 'Clerk', url: 'https://status.clerk.com/' }, incidents: [] };
    const clock = new ManualClock(T0);
    const store = `file:${await tempStatePath()}`;
    const boot = () =>
      start(loadConfig(fakeSlackEnv(slack, page, { STORE_URL: store })), createLogger('silent'), {
        pacing: NO_PACING,
        deliveryRetryMs: 30,
        clock,
      });
    page.serve(pageWith([]), incidents);
    let bot = await boot();
    const tick = async () => {
      await bot.pollNow();
      await until('delivered', async () => (await bot.deliverNow()) === 0, { timeoutMs: 10_000 });
    };
    const inChannel = (channel: string) => slack.messages.filter((m) => m.channel === channel);
    try {
      await tick(); // seed: nothing scheduled yet
      await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0MAINT', 'U0A', iso(T0)));
      await bot.subscriptions.put({
        ...defaultSubscription('T0TEAM', 'C0NOREM', 'U0A', iso(T0)),
        reminderMs: 0,
      });

      clock.time = T0 + MIN;
      page.serve(pageWith([upgrade('scheduled')]), incidents);
      await tick();
      const [parent] = inChannel('C0MAINT');
      expect(parent?.threadTs).toBeUndefined();
      expect(JSON.stringify(parent?.blocks)).toContain(`<!date^${START / 1000}^`);
      expect(JSON.stringify(parent?.blocks)).not.toContain('<!channel>');
      expect(inChannel('C0NOREM')).toHaveLength(1);

      // Down from before the reminder was due (START − 60 min) until 20 min before the start.
      await bot.stop();
      clock.time = START - 20 * MIN;
      bot = await boot();
      await tick();
      await tick();
      await bot.stop();
      clock.time += MIN;
      bot = await boot();
      await tick();
      const reminders = inChannel('C0MAINT').filter((m) => m.threadTs === parent?.ts);
      expect(reminders).toHaveLength(1);
      expect(JSON.stringify(reminders[0]?.blocks)).toContain('This reminder is late');
      expect(inChannel('C0NOREM')).toHaveLength(1); // reminders off there

      clock.time = START + MIN;
      page.serve(pageWith([upgrade('in_progress')]), incidents);
      await tick();
      clock.time = START + 2 * HOUR;
      page.serve(pageWith([upgrade('completed')]), incidents);
      await tick();
      const thread = inChannel('C0MAINT').filter((m) => m.threadTs === parent?.ts);
      expect(thread.map((m) => m.text)).toEqual([
        expect.stringMatching(/^Reminder: Database upgrade .* starts soon$/),
        expect.stringMatching(/started$/),
        expect.stringMatching(/completed$/),
      ]);
      expect(inChannel('C0MAINT').filter((m) => !m.threadTs)).toHaveLength(1);
      // The fake keeps each text a message had before an edit; its text now is the latest.
      expect(parent?.text).toMatch(/^Maintenance completed/);
      expect(parent?.edits.map((e) => e.text)).toContain(
        'Maintenance in progress: Database upgrade &lt;!channel&gt;',
      );
    } finally {
      await bot.stop();
      await Promise.all([page.close(), slack.close()]);
    }
  }, 60_000);

  it('a moved window is a reply and a new reminder; a cancelled one says so and ends the thread', async () => {
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    slack.addChannel({ id: 'C0MAINT', name: 'maint' });
    const incidents = { page: { name: 'Clerk', url: 'https://status.clerk.com/' }, incidents: [] };
    const clock = new ManualClock(T0);
    page.serve(pageWith([]), incidents);
    const bot = await start(
      loadConfig(fakeSlackEnv(slack, page, { STORE_URL: `file:${await tempStatePath()}` })),
      createLogger('silent'),
      { pacing: NO_PACING, deliveryRetryMs: 30, clock },
    );
    const tick = async () => {
      await bot.pollNow();
      await until('delivered', async () => (await bot.deliverNow()) === 0, { timeoutMs: 10_000 });
    };
    try {
      await tick();
      await bot.subscriptions.put({
        ...defaultSubscription('T0TEAM', 'C0MAINT', 'U0A', iso(T0)),
        reminderMs: 30 * MIN,
      });
      page.serve(pageWith([upgrade('scheduled')]), incidents);
      await tick();
      clock.time = START - 30 * MIN;
      await tick();
      const later = START + 24 * HOUR;
      page.serve(pageWith([upgrade('scheduled', later)]), incidents);
      await tick();
      clock.time = later - 29 * MIN;
      await tick();
      page.serve(pageWith([]), incidents);
      await tick();
      const [parent, ...rest] = slack.messages;
      expect(rest.every((m) => m.threadTs === parent?.ts)).toBe(true);
      expect(rest.map((m) => m.text)).toEqual([
        expect.stringMatching(/^Reminder:/),
        expect.stringMatching(/was rescheduled$/),
        expect.stringMatching(/^Reminder:/),
        expect.stringMatching(/was cancelled$/),
      ]);
      expect(JSON.stringify(rest[2]?.blocks)).not.toContain('late');
      expect(parent?.text).toMatch(/^Maintenance cancelled/);
    } finally {
      await bot.stop();
      await Promise.all([page.close(), slack.close()]);
    }
  }, 60_000);
});
