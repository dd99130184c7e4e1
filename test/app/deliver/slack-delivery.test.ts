/**
 * Delivery end to end on loopback: the real bot replays a recorded Clerk timeline from the fake status page
 * into the fake Slack, for two channels with different filters. Faults change timing, never the messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack, type SlackFault } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { loadTimeline, type Timeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const SESSION_MANAGEMENT = '01KEZF96K0SYNTHC0000000002';

interface Rig {
  page: FakeStatusPage;
  slack: FakeSlack;
  bot: RunningBot;
  statePath: string;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

async function startRig(timeline: Timeline): Promise<Rig> {
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  slack.addChannel({ id: 'C0ALL', name: 'all' });
  slack.addChannel({ id: 'C0SESS', name: 'sessions' });
  const statePath = await tempStatePath();
  const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  page.serveStep(timeline, 0, offset);
  const bot = await bootBot(slack, page, statePath);
  await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0ALL', 'U0ALICE', new Date().toISOString()));
  await bot.subscriptions.put({
    ...defaultSubscription('T0TEAM', 'C0SESS', 'U0ALICE', new Date().toISOString()),
    componentIds: [SESSION_MANAGEMENT],
    componentNames: ['Session management'],
    mention: { kind: 'here' },
  });
  const rig: Rig = {
    page,
    slack,
    bot,
    statePath,
    close: async () => {
      await rig.bot.stop();
      await slack.close();
      await page.close();
    },
  };
  rigs.push(rig);
  return rig;
}

async function bootBot(slack: FakeSlack, page: FakeStatusPage, statePath: string): Promise<RunningBot> {
  const config = loadConfig(fakeSlackEnv(slack, page, { STORE_URL: `file:${statePath}` }));
  return start(config, createLogger('silent'), {
    pacing: NO_PACING,
    deliveryRetryMs: 50,
    slackTimeoutMs: 1_000,
  });
}

/** Polls once, then waits until everything queued has been delivered. */
async function pollAndSettle(bot: RunningBot, timeoutMs = 15_000): Promise<void> {
  await bot.pollNow();
  const settled = async () => {
    if ((await bot.pendingEvents()) === 0) return true;
    await bot.deliverNow();
    return false;
  };
  await until('every queued event delivered', settled, { timeoutMs, intervalMs: 20 });
}

async function replay(
  rig: Rig,
  timeline: Timeline,
  beforeStep?: (index: number) => void | Promise<void>,
): Promise<void> {
  const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  await pollAndSettle(rig.bot); // seed
  for (let i = 1; i < timeline.steps.length; i++) {
    rig.page.serveStep(timeline, i, offset);
    await beforeStep?.(i);
    await pollAndSettle(rig.bot);
  }
}

const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const dns = loadTimeline('clerk-2026-02-10-dns-outage');

describe('delivery to subscribed channels', () => {
  it('threads the /handshake incident in both channels, each change once, the parent kept current', async () => {
    const rig = await startRig(handshake);
    await replay(rig, handshake);
    const expected = [
      'Clerk incident: /handshake endpoint failures — Resolved after 36 min [edited 1x]',
      '  (broadcast) Resolved after 36 min: /handshake endpoint failures — The issue has been resolved',
    ];
    expect(rig.slack.transcript('C0ALL')).toEqual(expected);
    expect(rig.slack.transcript('C0SESS')).toEqual(expected);
    const parent = rig.slack.parents('C0ALL')[0];
    expect(parent?.edits[0]?.text).toContain('Identified (Session management: Degraded performance)');
    const ids = rig.slack.deliveryIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(rig.slack.messages.every((m) => m.metadata?.event_type === 'clerk_status_delivery')).toBe(true);
  });

  it('keeps the DNS outage out of the Session management channel and threads all of it in the other', async () => {
    const rig = await startRig(dns);
    await replay(rig, dns);
    expect(rig.slack.transcript('C0SESS')).toEqual([]);
    const all = rig.slack.transcript('C0ALL');
    expect(rig.slack.parents('C0ALL')).toHaveLength(1);
    expect(all[0]).toMatch(
      /^Clerk incident: DNS Outage causing critical services to go down — Resolved after 2 h 8 min \[edited 3x\]$/,
    );
    expect(all.filter((l) => l.startsWith('  (broadcast)'))).toHaveLength(2); // the escalation and the resolution
    expect(all.at(-1)).toContain('update after resolution');
    expect(all).toHaveLength(1 + 7); // the parent, 6 updates (component changes folded in), the resolution
  });

  const faultCases: [string, SlackFault[]][] = [
    ['429 with Retry-After', [{ kind: 'rate_limited', retryAfterSeconds: 1 }]],
    [
      'HTTP 500',
      [
        { kind: 'http', status: 500 },
        { kind: 'http', status: 503 },
      ],
    ],
    ['connection resets', [{ kind: 'reset' }, { kind: 'reset' }]],
    ['a post accepted but its answer lost', [{ kind: 'reset_after' }]],
    ['a post accepted but answered too late', [{ kind: 'hang_after', ms: 1_500 }]],
    ['internal_error', [{ kind: 'error', error: 'internal_error' }]],
    ['a slow answer', [{ kind: 'delay', ms: 300 }]],
  ];

  it.each(faultCases)('delivers the same messages, once, through %s', async (_label, faults) => {
    const clean = await startRig(handshake);
    await replay(clean, handshake);
    const faulty = await startRig(handshake);
    await replay(faulty, handshake, (step) => {
      // Hit the parent post, the first thread reply and the resolution.
      faulty.slack.failNext('chat.postMessage', ...faults);
      if (step === 2)
        faulty.slack.failNext(
          'chat.update',
          ...faults.filter((f) => f.kind !== 'reset_after' && f.kind !== 'hang_after'),
        );
    });
    expect(faulty.slack.faultsFired.length).toBeGreaterThanOrEqual(faults.length * 2);
    expect(faulty.slack.transcript('C0ALL')).toEqual(clean.slack.transcript('C0ALL'));
    expect(faulty.slack.transcript('C0SESS')).toEqual(clean.slack.transcript('C0SESS'));
    const ids = faulty.slack.deliveryIds();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds an accepted-but-unconfirmed post by its metadata instead of posting it again', async () => {
    const rig = await startRig(handshake);
    await pollAndSettle(rig.bot);
    rig.page.serveStep(handshake, 1, Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? ''));
    rig.slack.failNext('chat.postMessage', { kind: 'reset_after' });
    await pollAndSettle(rig.bot);
    expect(rig.slack.faultsFired).toEqual(['chat.postMessage:reset_after']);
    expect(rig.slack.callsOf('conversations.history').length).toBeGreaterThan(0);
    expect(rig.slack.parents('C0ALL').length + rig.slack.parents('C0SESS').length).toBe(2);
  });
});

describe('delivery when Slack says no', () => {
  it('drops a deleted channel, keeps serving the others, and logs it once', async () => {
    const rig = await startRig(handshake);
    await rig.bot.subscriptions.put(
      defaultSubscription('T0TEAM', 'C0GONE', 'U0ALICE', new Date().toISOString()),
    );
    await replay(rig, handshake);
    expect(await rig.bot.subscriptions.get('T0TEAM', 'C0GONE')).toBeUndefined();
    expect(rig.slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0GONE')).toHaveLength(1);
    expect(rig.slack.transcript('C0ALL')).toHaveLength(2); // the parent and the resolution
  });

  it('keeps every subscription when the one configured token stops working, reports it, and delivers once fixed', async () => {
    const rig = await startRig(handshake);
    await pollAndSettle(rig.bot);
    rig.page.serveStep(handshake, 1, Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? ''));
    const badToken = Array.from({ length: 500 }, () => ({ kind: 'error' as const, error: 'invalid_auth' }));
    rig.slack.failNext('chat.postMessage', ...badToken);
    await rig.bot.pollNow();
    await rig.bot.deliverNow();
    expect(rig.slack.faultsFired.filter((f) => f === 'chat.postMessage:error').length).toBeGreaterThanOrEqual(
      2,
    );
    expect(await rig.bot.subscriptions.listTeam('T0TEAM')).toHaveLength(2);
    const status = (await (await fetch(`http://127.0.0.1:${rig.bot.port}/status`)).json()) as {
      slack: { configErrors: { code: string }[] };
    };
    expect(status.slack.configErrors.map((e) => e.code)).toEqual(['invalid_auth']);
    expect(rig.slack.messages).toHaveLength(0);
    rig.slack.clearFaults(); // the operator fixes the token
    await pollAndSettle(rig.bot);
    expect(rig.slack.parents('C0ALL')).toHaveLength(1);
  });

  it('starts a new parent when the old one was deleted, and continues the thread there', async () => {
    const rig = await startRig(handshake);
    const offset = Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? '');
    await pollAndSettle(rig.bot);
    rig.page.serveStep(handshake, 1, offset);
    await pollAndSettle(rig.bot);
    const first = rig.slack.parents('C0ALL')[0];
    if (!first) throw new Error('no parent');
    rig.slack.deleteMessage('C0ALL', first.ts);
    rig.page.serveStep(handshake, 2, offset);
    await pollAndSettle(rig.bot);
    const transcript = rig.slack.transcript('C0ALL');
    expect(rig.slack.parents('C0ALL')).toHaveLength(1);
    // The new parent is drawn as the incident stands (resolved), so it needs no edit; the reply follows it.
    expect(transcript[0]).toBe('Clerk incident: /handshake endpoint failures — Resolved after 36 min');
    expect(transcript.slice(1)).toEqual([
      '  Resolved after 36 min: /handshake endpoint failures — The issue has been resolved',
    ]);
  });

  it('picks up where it left off after a restart: a thread is continued, never restarted', async () => {
    const rig = await startRig(handshake);
    const offset = Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? '');
    await pollAndSettle(rig.bot);
    rig.page.serveStep(handshake, 1, offset);
    await pollAndSettle(rig.bot);
    await rig.bot.stop();
    rig.bot = await bootBot(rig.slack, rig.page, rig.statePath);
    rig.page.serveStep(handshake, 2, offset);
    await pollAndSettle(rig.bot);
    expect(rig.slack.parents('C0ALL')).toHaveLength(1);
    expect(rig.slack.transcript('C0ALL')).toHaveLength(2); // the parent and the resolution
  });
});
