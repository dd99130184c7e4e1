/**
 * Delivery under Slack's real rules, through the fake Slack (membership, message limits, Tier 3 edits, answers
 * lost after Slack accepted the call): lookups are never verdicts, refusals are re-rendered rather than dropped,
 * ended subscriptions are told, and edits never hold news up. Each fault test checks that its fault fired.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeChannel, FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { postSigned, slashCommandBody } from '../../../devkit/slack-requests.js';
import { loadTimeline, shiftTimestamps, type Timeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';

const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const dns = loadTimeline('clerk-2026-02-10-dns-outage');

interface Rig {
  page: FakeStatusPage;
  slack: FakeSlack;
  bot: RunningBot;
  offset: number;
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.bot.stop();
    await rig.page.close();
    await rig.slack.close();
  }
});

async function rig(
  channel: Partial<FakeChannel> = {},
  timeline: Timeline = handshake,
  slackTimeoutMs = 2_000,
): Promise<Rig> {
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  slack.addChannel({ id: 'C0OPS', name: 'ops', members: ['U0ALICE'], ...channel });
  slack.addUser({ id: 'U0ALICE' });
  const o = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
  page.serveStep(timeline, 0, o);
  const config = loadConfig(fakeSlackEnv(slack, page, { STORE_URL: `file:${await tempStatePath()}` }));
  const bot = await start(config, createLogger('silent'), {
    pacing: NO_PACING,
    deliveryRetryMs: 30,
    slackTimeoutMs,
  });
  const r = { page, slack, bot, offset: o };
  rigs.push(r);
  await bot.pollNow();
  return r;
}

async function subscribe(r: Rig, text = 'subscribe'): Promise<string> {
  const url = r.slack.responseUrl(`s${r.slack.responses.length}`);
  await postSigned(
    `http://127.0.0.1:${r.bot.port}/slack/events`,
    slashCommandBody({ text, channel: 'C0OPS', responseUrl: url }),
    'application/x-www-form-urlencoded',
  );
  await until('the subscribe reply', () => r.slack.responses.some((x) => url.endsWith(x.path)));
  return String(r.slack.responses.find((x) => url.endsWith(x.path))?.body.text);
}

async function settle(r: Rig, step: number): Promise<void> {
  r.page.serveStep(handshake, step, r.offset);
  await r.bot.pollNow();
  await until('delivery settled', async () => (await r.bot.deliverNow()) === 0, { timeoutMs: 10_000 });
}

const metric = async (r: Rig, pattern: RegExp) =>
  (await (await fetch(`http://127.0.0.1:${r.bot.port}/metrics`)).text())
    .split('\n')
    .filter((l) => pattern.test(l));

describe('membership and lookups', () => {
  it('joins a public channel it subscribes, so a lost answer ends with one message and the subscription intact', async () => {
    const r = await rig({ botIsMember: false });
    await subscribe(r);
    expect(r.slack.callsOf('conversations.join')).toHaveLength(1);
    r.slack.failNext('chat.postMessage', { kind: 'reset_after' });
    await settle(r, 1);
    expect(r.slack.faultsFired).toContain('chat.postMessage:reset_after');
    expect(r.slack.parents('C0OPS')).toHaveLength(1);
    expect(r.slack.callsOf('conversations.history').length).toBeGreaterThan(0);
    expect(await r.bot.subscriptions.listTeam('T0TEAM')).toHaveLength(1);
  });

  it('when it may not join, still posts, says so, and posts again rather than lose an unconfirmed message', async () => {
    const r = await rig({ botIsMember: false, joinError: 'restricted_action' });
    expect(await subscribe(r)).toContain('could not join this channel');
    r.slack.failNext('chat.postMessage', { kind: 'reset_after' });
    await settle(r, 1);
    expect(r.slack.faultsFired).toContain('chat.postMessage:reset_after');
    expect(r.slack.parents('C0OPS')).toHaveLength(2); // at least once: the lookup could not see the channel
    expect(await r.bot.subscriptions.listTeam('T0TEAM')).toHaveLength(1);
    expect((await metric(r, /outcome="unverified_resend"/)).join()).toMatch(/not_in_channel"} 1/);
  });

  it('treats missing_scope on a lookup as a configuration error: every subscription kept, nothing twice', async () => {
    const r = await rig();
    await subscribe(r);
    r.slack.failNext('chat.postMessage', { kind: 'reset_after' });
    r.slack.failNext(
      'conversations.history',
      ...Array.from({ length: 300 }, () => ({ kind: 'error' as const, error: 'missing_scope' })),
    );
    r.page.serveStep(handshake, 1, r.offset);
    await r.bot.pollNow();
    await until('the lookup to fail', () => r.slack.faultsFired.includes('conversations.history:error'));
    await r.bot.deliverNow();
    expect(await r.bot.subscriptions.listTeam('T0TEAM')).toHaveLength(1);
    const status = (await (await fetch(`http://127.0.0.1:${r.bot.port}/status`)).json()) as {
      slack: { configErrors: { code: string }[] };
    };
    expect(status.slack.configErrors.map((e) => e.code)).toContain('missing_scope');
    r.slack.clearFaults(); // the scope is added
    await settle(r, 1);
    expect(r.slack.parents('C0OPS')).toHaveLength(1);
    const ids = r.slack.deliveryIds();
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('errors Slack answers after doing the call, and errors it adds later', () => {
  it.each(['internal_error', 'a_code_slack_adds_next_year'])(
    'a post Slack made and then answered %s is found by its metadata, not sent twice',
    async (error) => {
      const r = await rig();
      await subscribe(r);
      r.slack.failNext('chat.postMessage', { kind: 'error_after', error });
      await settle(r, 1);
      expect(r.slack.faultsFired).toContain('chat.postMessage:error_after');
      expect(r.slack.parents('C0OPS')).toHaveLength(1);
      expect(new Set(r.slack.deliveryIds()).size).toBe(r.slack.deliveryIds().length);
    },
  );

  it.each(['message_limit_exceeded', 'team_added_to_org'])(
    'a post refused with %s is retried and arrives; nothing is dropped and the channel goes on',
    async (error) => {
      const r = await rig();
      await subscribe(r);
      r.slack.failNext('chat.postMessage', { kind: 'error', error }, { kind: 'error', error });
      await settle(r, 1);
      expect(r.slack.faultsFired.filter((f) => f === 'chat.postMessage:error')).toHaveLength(2);
      const [parent] = r.slack.parents('C0OPS');
      expect(parent?.text).toContain('/handshake endpoint failures');
      await settle(r, 2);
      expect(r.slack.replies('C0OPS', parent?.ts ?? '')).toHaveLength(1);
      expect((await metric(r, /outcome="dropped"/)).join()).not.toMatch(/ [1-9]/);
    },
  );
});

describe('a long Retry-After', () => {
  it('on one channel holds up only that channel: the others get their messages at once', async () => {
    const r = await rig();
    r.slack.addChannel({ id: 'C0TWO', name: 'two', members: ['U0ALICE'] });
    await subscribe(r);
    const url = r.slack.responseUrl('s-two');
    await postSigned(
      `http://127.0.0.1:${r.bot.port}/slack/events`,
      slashCommandBody({ text: 'subscribe', channel: 'C0TWO', responseUrl: url }),
      'application/x-www-form-urlencoded',
    );
    await until('the second subscription', () => r.slack.responses.some((x) => url.endsWith(x.path)));
    r.slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 3_600 });
    r.page.serveStep(handshake, 1, r.offset);
    await r.bot.pollNow();
    await until('the fault', () => r.slack.faultsFired.includes('chat.postMessage:rate_limited'));
    const limited = r.slack.calls.find((c) => c.method === 'chat.postMessage')?.args.channel;
    const other = limited === 'C0OPS' ? 'C0TWO' : 'C0OPS';
    await until('the other channel’s parent', () => r.slack.parents(other).length === 1, {
      timeoutMs: 5_000,
    });
    r.page.serveStep(handshake, 2, r.offset); // and its next update too, not an hour later
    await r.bot.pollNow();
    await until('the other channel’s resolution', () => r.slack.transcript(other).length === 2, {
      timeoutMs: 5_000,
    });
    expect(r.slack.parents(String(limited))).toEqual([]); // the limited channel waits its hour
  });
});

describe('refusals and removals', () => {
  it('re-renders a refused message minimal and sends it, instead of dropping the alert', async () => {
    const r = await rig();
    await subscribe(r);
    r.slack.failNext('chat.postMessage', { kind: 'error', error: 'msg_too_long' });
    await settle(r, 1);
    expect(r.slack.faultsFired).toContain('chat.postMessage:error');
    const [parent] = r.slack.parents('C0OPS');
    expect(parent?.text).toContain('/handshake endpoint failures');
    expect(JSON.stringify(parent?.blocks)).toContain('plain_text');
    await settle(r, 2);
    expect(r.slack.replies('C0OPS', parent?.ts ?? '')).toHaveLength(1); // the thread goes on under it
    expect((await metric(r, /outcome="rerendered"/)).join()).toMatch(/msg_too_long"} 1/);
  });

  it('a parent refused twice is dropped and reported, and never blocks: the next update posts a fresh one', async () => {
    const r = await rig();
    await subscribe(r);
    const refusal = { kind: 'error', error: 'invalid_blocks' } as const;
    r.slack.failNext('chat.postMessage', refusal, refusal); // the parent, then its minimal version
    await settle(r, 1);
    expect(r.slack.faultsFired.filter((f) => f === 'chat.postMessage:error')).toHaveLength(2);
    expect(r.slack.parents('C0OPS')).toEqual([]);
    const status = (await (await fetch(`http://127.0.0.1:${r.bot.port}/status`)).json()) as {
      deliveries: { dropped: { channel: string; reason: string }[] };
    };
    expect(status.deliveries.dropped).toMatchObject([{ channel: 'C0OPS', reason: 'invalid_blocks' }]);
    // Kept in the store for the workspace's App Home, whichever replica renders it.
    expect(await r.bot.subscriptions.listDropped('T0TEAM')).toMatchObject([
      { channelId: 'C0OPS', reason: 'invalid_blocks' },
    ]);
    await settle(r, 2); // the resolution: a fresh parent, saying the earlier one could not be posted
    const [parent] = r.slack.parents('C0OPS');
    expect(parent?.text).toMatch(/Resolved after/);
    expect(JSON.stringify(parent?.blocks)).toContain('could not be posted here (Slack refused it)');
    expect(r.slack.replies('C0OPS', parent?.ts ?? '')).toHaveLength(1);
    expect(await r.bot.pendingEvents()).toBe(0);
  });

  it('still gets a parent for an incident with a 50,000-character name, inside Slack’s limits', async () => {
    const r = await rig();
    await subscribe(r);
    type Doc = { incidents?: Record<string, unknown>[] };
    const step = handshake.steps[1] as { summary: Doc; incidents: Doc };
    const huge = `Outage ${'x'.repeat(50_000)}`;
    const rename = (doc: Doc): Doc => ({
      ...doc,
      incidents: (doc.incidents ?? []).map((i) => ({ ...i, name: huge })),
    });
    r.page.serve(
      shiftTimestamps(rename(step.summary), r.offset),
      shiftTimestamps(rename(step.incidents), r.offset),
    );
    await r.bot.pollNow();
    await until('delivery settled', async () => (await r.bot.deliverNow()) === 0);
    const [parent] = r.slack.parents('C0OPS');
    expect(parent?.text.length).toBeLessThan(3_000);
    expect(parent?.text).toContain('Outage xxx');
  });

  it('tells the subscriber by DM when the channel is archived, lists it in App Home, and stops posting there', async () => {
    const r = await rig();
    await subscribe(r);
    const channel = r.slack.channels.get('C0OPS');
    if (channel) channel.isArchived = true;
    await settle(r, 1);
    expect(await r.bot.subscriptions.listTeam('T0TEAM')).toEqual([]);
    const dm = r.slack.messages.find((m) => m.channel === 'U0ALICE');
    expect(dm?.text).toContain('<#C0OPS>: the channel was archived');
    expect((await r.bot.subscriptions.listEnded('T0TEAM')).map((e) => e.reason)).toEqual(['is_archived']);
    expect((await metric(r, /clerk_status_subscriptions_ended_total\{/)).join()).toMatch(/is_archived"} 1/);
  });
});

describe('operational endpoints', () => {
  it('with METRICS_PORT, serves /metrics and /status there only, and keeps the health probes on PORT', async () => {
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    page.serveStep(handshake, 0, 0);
    const config = loadConfig(
      fakeSlackEnv(slack, page, { STORE_URL: `file:${await tempStatePath()}`, METRICS_PORT: '0' }),
    );
    const bot = await start(config, createLogger('silent'));
    try {
      const on = (port: number | undefined, path: string) =>
        fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status);
      expect(bot.metricsPort).toBeDefined();
      expect(await on(bot.metricsPort, '/metrics')).toBe(200);
      expect(await on(bot.metricsPort, '/status')).toBe(200);
      expect(await on(bot.port, '/metrics')).not.toBe(200);
      expect(await on(bot.port, '/status')).not.toBe(200);
      expect(await on(bot.port, '/healthz')).toBe(200);
      expect(await on(bot.port, '/readyz')).toBe(200);
    } finally {
      await bot.stop();
      await page.close();
      await slack.close();
    }
  });
});

describe('subscribing mid-incident', () => {
  it('names the open incident, posts its parent as it stands at once, then threads what follows', async () => {
    const r = await rig();
    r.page.serveStep(handshake, 1, r.offset);
    await r.bot.pollNow(); // the incident is open before anyone subscribes
    const reply = await subscribe(r);
    expect(reply).toContain('Open now: */handshake endpoint failures* (Identified)');
    await until('the parent', () => r.slack.parents('C0OPS').length === 1);
    const [parent] = r.slack.parents('C0OPS');
    expect(parent?.text).toBe(
      'Clerk incident: /handshake endpoint failures — Identified (Session management: Degraded performance)',
    );
    await settle(r, 2);
    expect(r.slack.transcript('C0OPS')).toEqual([
      'Clerk incident: /handshake endpoint failures — Resolved after 36 min [edited 1x]',
      '  (broadcast) Resolved after 36 min: /handshake endpoint failures — The issue has been resolved',
    ]);
  });
});

describe('edits in their own lane', () => {
  it('posts every update while an edit is held, then one chat.update carries the parent’s latest state', async () => {
    // Slack sits on the first edit but answers within the call timeout (a timed-out edit that Slack applies late
    // is another case: it would land after the newer one).
    const r = await rig({}, dns, 5_000);
    await subscribe(r);
    r.slack.failNext('chat.update', { kind: 'delay', ms: 2_000 });
    const replies = () => r.slack.replies('C0OPS', r.slack.parents('C0OPS')[0]?.ts ?? '').length;
    for (let step = 1; step < dns.steps.length; step++) {
      const before = replies();
      r.page.serveStep(dns, step, r.offset);
      await r.bot.pollNow();
      if (step > 1) await until(`step ${step}'s replies`, () => replies() > before, { timeoutMs: 5_000 });
    }
    const firstEdit = r.slack.callsOf('chat.update')[0]?.at ?? 0;
    const lastPost = r.slack.callsOf('chat.postMessage').at(-1)?.at ?? 0;
    expect(r.slack.faultsFired).toContain('chat.update:delay');
    expect(lastPost).toBeLessThan(firstEdit + 2_000); // every post went out while the edit was held
    await until('everything delivered', async () => (await r.bot.pendingEvents()) === 0, {
      timeoutMs: 10_000,
    });
    const [parent] = r.slack.parents('C0OPS');
    expect(parent?.text).toMatch(
      /^Clerk incident: DNS Outage causing critical services to go down — Resolved after 2 h 8 min$/,
    );
    expect(r.slack.callsOf('chat.update').length).toBeLessThan(3); // three parent changes, merged while waiting
  });

  it('ends with the parent’s latest state even when Slack applies a timed-out edit late, over a newer one', async () => {
    const r = await rig({}, dns, 1_000);
    await subscribe(r);
    // The first edit times out at the bot (1 s) and Slack applies it anyway, 1.5 s after it was sent.
    r.slack.failNext('chat.update', { kind: 'delay', ms: 1_500 });
    for (let step = 1; step < dns.steps.length; step++) {
      r.page.serveStep(dns, step, r.offset);
      await r.bot.pollNow();
      await until(`step ${step} delivered`, async () => (await r.bot.pendingEvents()) <= 1, {
        timeoutMs: 10_000,
      });
    }
    await until('everything delivered', async () => (await r.bot.pendingEvents()) === 0, {
      timeoutMs: 20_000,
    });
    expect(r.slack.faultsFired).toContain('chat.update:delay');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // nothing late is still on its way
    const [parent] = r.slack.parents('C0OPS');
    expect(parent?.text).toMatch(/ — Resolved after 2 h 8 min$/);
  });
});
