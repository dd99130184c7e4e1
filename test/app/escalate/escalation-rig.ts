/** The real bot with the fake status page, Slack, PagerDuty and webhook receiver on loopback, on a SQLite file. */
import { FakePagerDuty } from '../../../devkit/fake-pagerduty.js';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { FakeWebhookReceiver } from '../../../devkit/fake-webhook-receiver.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import type { Timeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

export const WEBHOOK_SECRET = `whsec_${Buffer.from('a test secret of 32 random bytes').toString('base64')}`;

export interface EscalationRig {
  page: FakeStatusPage;
  slack: FakeSlack;
  pagerDuty: FakePagerDuty;
  hooks: FakeWebhookReceiver;
  bot: RunningBot;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startEscalationRig(
  timeline: Timeline,
  env: Record<string, string> = {},
): Promise<EscalationRig> {
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  const pagerDuty = await FakePagerDuty.start();
  const hooks = await FakeWebhookReceiver.start(WEBHOOK_SECRET);
  slack.addChannel({ id: 'C0ALL', name: 'all' });
  page.serveStep(timeline, 0, Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? ''));
  const fullEnv = fakeSlackEnv(slack, page, {
    STORE_URL: `file:${await tempStatePath()}`,
    PAGERDUTY_ROUTING_KEY: pagerDuty.routingKey,
    PAGERDUTY_EVENTS_URL: pagerDuty.url,
    WEBHOOK_URL: hooks.url,
    WEBHOOK_SECRET,
    ...env,
  });
  const bot = await bootBot(fullEnv);
  await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0ALL', 'U0ALICE', new Date().toISOString()));
  const rig: EscalationRig = {
    page,
    slack,
    pagerDuty,
    hooks,
    bot,
    env: fullEnv,
    close: async () => {
      await rig.bot.stop();
      await Promise.all([slack.close(), page.close(), pagerDuty.close(), hooks.close()]);
    },
  };
  return rig;
}

export function bootBot(env: Record<string, string>): Promise<RunningBot> {
  return start(loadConfig(env), createLogger('silent'), {
    pacing: NO_PACING,
    deliveryRetryMs: 30,
    slackTimeoutMs: 1_000,
    outgoingRetryMs: [50, 100, 200],
    outgoingMinGapMs: 0,
  });
}

/** Polls once, then delivers until every destination has everything. */
export async function pollAndSettle(bot: RunningBot, timeoutMs = 15_000): Promise<void> {
  await bot.pollNow();
  await until(
    'every destination has every event',
    async () =>
      (await bot.pendingEvents()) === 0 ||
      ((await bot.deliverNow()) === 0 && (await bot.pendingEvents()) === 0),
    { timeoutMs, intervalMs: 20 },
  );
}

export async function replay(rig: EscalationRig, timeline: Timeline): Promise<void> {
  const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  await pollAndSettle(rig.bot);
  for (let i = 1; i < timeline.steps.length; i++) {
    rig.page.serveStep(timeline, i, offset);
    await pollAndSettle(rig.bot);
  }
}
