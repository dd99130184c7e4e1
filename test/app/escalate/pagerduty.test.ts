/**
 * PagerDuty over loopback: the real bot replays recorded Clerk incidents into the fake Events API v2. What
 * ESCALATE_ON selects is triggered once per episode and resolved once; a 429 is retried; a 400 (a wrong routing
 * key) is reported in /status and never retried; a PagerDuty that does not answer never delays Slack.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTimeline } from '../../../devkit/timeline.js';
import { until } from '../../../devkit/wait.js';
import { type EscalationRig, pollAndSettle, replay, startEscalationRig } from './escalation-rig.js';

const dns = loadTimeline('clerk-2026-02-10-dns-outage');
const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const platform = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');

const rigs: EscalationRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});
const rigFor = async (...args: Parameters<typeof startEscalationRig>) => {
  const rig = await startEscalationRig(...args);
  rigs.push(rig);
  return rig;
};

async function status(rig: EscalationRig): Promise<Record<string, unknown>> {
  return (await (await fetch(`http://127.0.0.1:${rig.bot.port}/status`)).json()) as Record<string, unknown>;
}

describe('PagerDuty', () => {
  it('pages the DNS outage once (major outage), resolves it once, with Clerk’s words and the tips', async () => {
    const rig = await rigFor(dns);
    await replay(rig, dns);
    const pd = rig.pagerDuty;
    expect(pd.alerts).toEqual([{ dedupKey: expect.any(String), status: 'resolved', triggers: 1 }]);
    const [trigger] = pd.events('trigger');
    expect(pd.events('resolve')).toHaveLength(1);
    expect(pd.events('acknowledge')).toEqual([]);
    expect(trigger?.payload).toMatchObject({
      summary: 'Clerk incident: DNS Outage causing critical services to go down',
      severity: 'critical',
      group: 'clerk-status-page',
      class: 'incident',
    });
    expect(trigger?.payload?.custom_details).toMatchObject({
      tips: expect.any(Array),
      affected: expect.any(Array),
    });
    expect(trigger?.links?.[0]?.href).toMatch(new RegExp(`^${rig.page.url}/incidents/`));
    // The incident's Slack thread was there when it reached a major outage: PagerDuty links it.
    const parentTs = rig.slack.parents('C0ALL')[0]?.ts.replace('.', '');
    expect(trigger?.links?.[1]).toEqual({
      href: `https://test-workspace.slack.com/archives/C0ALL/p${parentTs}`,
      text: 'The Slack thread',
    });
    expect(trigger?.routing_key).toBe(pd.routingKey);
    const report = await status(rig);
    expect(report.destinations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'pagerduty', delivered: 2, refused: 0, waiting: 0 }),
      ]),
    );
    expect(JSON.stringify(report)).not.toContain(pd.routingKey);
    // The Slack parent said it was paged while the incident was open (one edit), and only one parent.
    const [parent, ...others] = rig.slack.parents('C0ALL');
    expect(others).toEqual([]);
    expect(parent?.edits.some((e) => JSON.stringify(e.blocks).includes(':pager: Paged via PagerDuty'))).toBe(
      true,
    );
    expect(rig.hooks.accepted().map((h) => h.body.type)).toContain('clerk.incident.paged');
  });

  it('does not page what ESCALATE_ON leaves out: a degraded incident by default, a partial one unless asked', async () => {
    const quiet = await rigFor(handshake);
    await replay(quiet, handshake);
    expect(quiet.pagerDuty.received).toEqual([]);
    const byDefault = await rigFor(platform);
    await replay(byDefault, platform);
    const partial = await rigFor(platform, { ESCALATE_ON: 'partial' });
    await replay(partial, platform);
    expect(partial.pagerDuty.alerts).toEqual([expect.objectContaining({ status: 'resolved', triggers: 1 })]);
    expect(partial.pagerDuty.events('trigger')[0]?.payload?.severity).toBe('error');
    expect(byDefault.pagerDuty.received).toEqual([]); // a partial outage: not by default
  });

  it('retries a 429 after its Retry-After and still triggers once', async () => {
    const rig = await rigFor(dns);
    rig.pagerDuty.failNext({ status: 429, retryAfterSeconds: 0 }, { status: 502 });
    await replay(rig, dns);
    expect(rig.pagerDuty.answered.slice(0, 3)).toEqual([429, 502, 202]);
    expect(rig.pagerDuty.alerts).toEqual([expect.objectContaining({ status: 'resolved', triggers: 1 })]);
  });

  it('reports a wrong routing key (400) in /status and does not retry it', async () => {
    const rig = await rigFor(dns, { PAGERDUTY_ROUTING_KEY: 'WRONGKEY00000000000000000000000X' });
    await replay(rig, dns);
    const sent = rig.pagerDuty.received.length;
    expect(rig.pagerDuty.answered.every((s) => s === 400)).toBe(true);
    await rig.bot.deliverNow();
    expect(rig.pagerDuty.received).toHaveLength(sent); // nothing retried
    const pagerduty = ((await status(rig)).destinations as { name: string }[]).find(
      (d) => d.name === 'pagerduty',
    );
    expect(pagerduty).toMatchObject({
      refused: sent,
      lastRefusal: { reason: expect.stringMatching(/^HTTP 400/) },
    });
    expect(rig.slack.parents('C0ALL')).toHaveLength(1); // Slack unaffected
  });

  it('a PagerDuty that does not answer never delays Slack', async () => {
    const rig = await rigFor(dns);
    let release = () => {};
    rig.pagerDuty.failNext({ hold: new Promise<void>((resolve) => (release = resolve)) });
    const offset = Date.now() - Date.parse(dns.steps[0]?.fetchedAt ?? '');
    await pollAndSettle(rig.bot);
    for (let i = 1; i <= 2; i++) {
      rig.page.serveStep(dns, i, offset);
      await rig.bot.pollNow();
      void rig.bot.deliverNow();
    }
    await until(
      'Slack has the incident while PagerDuty hangs',
      () => rig.slack.parents('C0ALL').length === 1,
      {
        timeoutMs: 5_000,
      },
    );
    expect(rig.pagerDuty.answered).toEqual([]); // still holding
    release();
    await until('PagerDuty answered', () => rig.pagerDuty.answered.length > 0, { timeoutMs: 15_000 });
  });
});
