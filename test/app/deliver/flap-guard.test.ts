/**
 * The flap guard (`confirm`, per channel): a component-only change is posted once it has lasted the window; a blip
 * that reverts inside it posts nothing (not even the recovery); a channel without it gets every change at once; an
 * incident is never held. The hold lives in the store, so a restart keeps it. One bot over loopback, a real SQLite
 * file; the window is 1.5 s instead of minutes.
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

interface RawComponent {
  id: string;
  name: string;
  status: string;
  updated_at: string;
}
const WINDOW_MS = 1_500;

describe('the flap guard', () => {
  it('holds a blip back entirely, and posts a sustained change once it lasted, across a restart', async () => {
    const base = loadTimeline('clerk-2026-04-26-handshake-endpoint').steps[0];
    const summary = structuredClone(base?.summary) as { components: RawComponent[] };
    const incidents = { page: { name: 'Clerk', url: 'https://status.clerk.com/' }, incidents: [] };
    const webhooks = summary.components.find((c) => c.name === 'Webhooks') as RawComponent;
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    for (const id of ['C0GUARD', 'C0PLAIN']) slack.addChannel({ id, name: id.toLowerCase() });
    page.serve(summary, incidents);
    const store = `file:${await tempStatePath()}`;
    const boot = async () =>
      start(loadConfig(fakeSlackEnv(slack, page, { STORE_URL: store })), createLogger('silent'), {
        pacing: NO_PACING,
        deliveryRetryMs: 30,
      });
    let bot = await boot();
    const set = (status: string) => {
      webhooks.status = status;
      webhooks.updated_at = new Date().toISOString();
      page.serve(summary, incidents);
    };
    const tick = async () => {
      await bot.pollNow();
      await until('delivered', async () => (await bot.deliverNow()) === 0, { timeoutMs: 10_000 });
    };
    const said = (channel: string) => slack.messages.filter((m) => m.channel === channel).map((m) => m.text);
    try {
      await bot.pollNow(); // seed
      await bot.subscriptions.put({
        ...defaultSubscription('T0TEAM', 'C0GUARD', 'U0A', new Date().toISOString()),
        confirmMs: WINDOW_MS,
      });
      await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0PLAIN', 'U0A', new Date().toISOString()));

      // A blip: degraded, back to operational inside the window.
      set('degraded_performance');
      await tick();
      set('operational');
      await tick();
      expect(said('C0PLAIN')).toHaveLength(2); // without the guard: both
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200)); // the window passes (the point of the test)
      await tick();
      expect(said('C0GUARD')).toEqual([]);

      // Sustained: held across a restart, posted once when it lasted.
      set('partial_outage');
      await tick();
      expect(said('C0GUARD')).toEqual([]);
      await bot.stop();
      bot = await boot();
      await until('confirmed after the window', async () => {
        await tick();
        return said('C0GUARD').length === 1;
      });
      expect(said('C0GUARD')[0]).toMatch(/Webhooks Operational → Partial outage/);
      expect(JSON.stringify(slack.messages.find((m) => m.channel === 'C0GUARD')?.blocks)).toContain(
        'flap guard',
      );
      await tick();
      expect(said('C0GUARD')).toHaveLength(1);
      const ids = slack.deliveryIds();
      expect(ids.length - new Set(ids).size).toBe(0);
    } finally {
      await bot.stop();
      await slack.close();
      await page.close();
    }
  });
});
