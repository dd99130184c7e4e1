/**
 * Channels change under an open incident (CONTRACT, Promises: every change once per channel, nothing lost): one is
 * renamed, one turned private with the bot still in it, one turned private without the bot, one archived. The thread
 * goes on where Slack still lets the bot post (a channel's id survives a rename and a conversion); where it does
 * not, the subscription ends at the first refusal (said to whoever subscribed, kept for App Home), nothing is
 * retried for ever, and nothing waits behind it.
 */
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { loadTimeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const timeline = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');
const KEPT = ['C0RENAMED', 'C0PRIVATE'];
const LOST = ['C0ARCHIVED', 'C0LOCKED'];

describe('channels changing in the middle of an incident', () => {
  it('renamed or made private with the bot: the thread goes on; archived or closed to it: the subscription ends', async () => {
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    for (const id of [...KEPT, ...LOST]) slack.addChannel({ id, name: id.toLowerCase(), botIsMember: true });
    slack.addUser({ id: 'U0ALICE' });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const config = loadConfig(fakeSlackEnv(slack, page, { STORE_URL: `file:${await tempStatePath()}` }));
    const bot = await start(config, createLogger('silent'), { pacing: NO_PACING, deliveryRetryMs: 30 });
    const deliverAll = () =>
      until('delivered', async () => (await bot.deliverNow()) === 0, { timeoutMs: 10_000 });
    try {
      await bot.pollNow();
      for (const id of [...KEPT, ...LOST])
        await bot.subscriptions.put(defaultSubscription('T0TEAM', id, 'U0ALICE', new Date().toISOString()));
      page.serveStep(timeline, 1, offset);
      await bot.pollNow();
      await deliverAll();
      expect([...KEPT, ...LOST].every((c) => slack.parents(c).length === 1)).toBe(true);

      const channel = (id: string) => slack.channels.get(id) ?? expect.unreachable(id);
      channel('C0RENAMED').name = 'clerk-incidents-2026';
      channel('C0PRIVATE').isPrivate = true; // converted; the bot stays a member, as Slack keeps members
      Object.assign(channel('C0LOCKED'), { isPrivate: true, botIsMember: false });
      channel('C0ARCHIVED').isArchived = true;
      for (const step of [2, 3, 4]) {
        page.serveStep(timeline, step, offset);
        await bot.pollNow();
        await deliverAll();
      }

      for (const id of KEPT) {
        const parent = slack.parents(id)[0];
        expect(slack.replies(id, parent?.ts ?? '')).toHaveLength(3);
        expect(parent?.text).toMatch(/Resolved/);
      }
      for (const id of LOST) {
        expect(slack.messages.filter((m) => m.channel === id)).toHaveLength(1); // the parent from before
        expect(await bot.subscriptions.get('T0TEAM', id)).toBeUndefined();
        // Refused once, then never tried again: not three updates' worth of attempts, not a retry loop.
        expect(slack.callsOf('chat.postMessage').filter((c) => c.args.channel === id)).toHaveLength(2);
      }
      // Whoever subscribed heard which channel stopped and why, once each.
      const told = slack.messages.filter((m) => m.channel === 'U0ALICE');
      expect(told).toHaveLength(2);
      expect(told.map((m) => m.text).join('\n')).toMatch(/archived/i);
      const ids = slack.deliveryIds();
      expect(ids.length - new Set(ids).size).toBe(0);
    } finally {
      await bot.stop();
      await slack.close();
      await page.close();
    }
  });
});
