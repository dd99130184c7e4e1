/**
 * Early warning, end to end: the real bot probing the fake Clerk instance at 1 s rounds (a warning after five
 * failed rounds, cleared after five healthy ones), the fake status page and the fake Slack. Each fault asserts
 * that it fired, and every check counts messages: exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, type EarlyWarningRig, RigPerTest } from '../../devkit/harness/early-warning-rig.js';
import { interactionBody, postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { until } from '../../devkit/wait.js';

const rigs = new RigPerTest();
afterEach(() => rigs.closeAll());
let rig: EarlyWarningRig | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const healthProbes = () => rig?.clerk.requests.filter((r) => r.path === '/v1/health').length ?? 0;
/** Waits until the bot has probed `rounds` more rounds: the chance to act, given before asserting it did not. */
async function rounds(count: number, what = `${count} more probe rounds`) {
  const from = healthProbes();
  await until(what, () => healthProbes() >= from + count, { timeoutMs: 10_000 + count * 2_000 });
}
const { detail } = rigs;
const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

/** A status page incident opened now, with Clerk's first words. */
function officialIncident() {
  const page = { id: 'P', name: 'Clerk', url: 'https://status.clerk.com' };
  const incident = {
    id: 'INC1',
    name: 'Elevated sign-in errors',
    status: 'investigating',
    impact: 'major',
    created_at: ago(0),
    updated_at: ago(0),
    shortlink: 'https://status.clerk.com/incidents/INC1',
    incident_updates: [
      { id: 'U1', status: 'investigating', body: 'We are investigating sign-in errors.', created_at: ago(0) },
    ],
  };
  return {
    summary: {
      page,
      components: [{ id: 'C1', name: 'Sign in', status: 'major_outage' }],
      incidents: [incident],
    },
    incidents: { page, incidents: [incident] },
  };
}

describe('early warning', () => {
  it('stays silent on healthy probes and a blip, warns once on an outage, and is confirmed by Clerk’s incident', async () => {
    rig = await rigs.start();
    const { clerk, slack, status, bot } = rig;
    await until('probe rounds', () => clerk.requests.filter((r) => r.path === '/v1/health').length >= 4, {
      timeoutMs: 15_000,
    });
    expect(slack.parents(CHANNEL)).toEqual([]);

    clerk.failNext('frontend', '503', 2); // one round's two Frontend API probes
    await until('the blip', () => clerk.faultsFired('frontend') === 2, { timeoutMs: 10_000 });
    await rounds(3, 'three healthy rounds after the blip');
    expect(slack.parents(CHANNEL)).toEqual([]);

    clerk.mode.frontend = '503';
    const since = Date.now();
    await until('one warning', () => rig?.warnings().length === 1, { timeoutMs: 20_000, detail });
    const warnedAt = Date.now();
    expect(warnedAt - since).toBeGreaterThanOrEqual(3_000); // five rounds at 1 s, never one
    const [warning] = rig.warnings();
    expect(warning?.text).toMatch(/^Early warning \(unconfirmed\): Clerk's Frontend API failing from here/);
    expect(JSON.stringify(warning?.blocks)).toContain('Frontend API /v1/health: 503 for');
    expect(JSON.stringify(warning?.blocks)).toContain('says nothing yet');
    const statusJson = JSON.parse(await rig.get('/status')) as {
      probes: { phase: string; warning: { status: string } };
    };
    expect([statusJson.probes.phase, statusJson.probes.warning.status]).toEqual(['warning', 'active']);
    expect(await rig.get('/status')).not.toContain(clerk.secretKey);

    // A vote updates the count on the message.
    const vote = await postSigned(
      `http://127.0.0.1:${await bot.port()}/slack/events`,
      interactionBody({
        type: 'block_actions',
        user: { id: 'U0ALICE', team_id: 'T0TEAM' },
        team: { id: 'T0TEAM' },
        channel: { id: CHANNEL },
        message: { ts: warning?.ts, text: warning?.text },
        container: { type: 'message', message_ts: warning?.ts, channel_id: CHANNEL },
        actions: [
          {
            type: 'button',
            action_id: 'early_warning_seeing',
            value: JSON.parse(JSON.stringify(warning?.blocks)).find(
              (b: { type: string }) => b.type === 'actions',
            ).elements[0].value,
            block_id: 'early_warning_votes',
            action_ts: '1',
          },
        ],
        trigger_id: '1.2.3',
        api_app_id: 'A0APP',
        token: 'legacy',
      }),
      'application/x-www-form-urlencoded',
    );
    expect(vote.status).toBe(200);
    await until(
      'the count on the message',
      () => JSON.stringify(rig?.warnings()[0]?.blocks).includes('Seeing it too (1)'),
      { detail },
    );

    // Clerk posts a little after the warning went out: the lead is what the thread states.
    await sleep(Math.max(0, 7_000 - (Date.now() - warnedAt)));
    const official = officialIncident();
    status.serve(official.summary, official.incidents);
    await until(
      'the incident’s parent',
      () => rig?.parents('').some((m) => m.text.includes('Elevated sign-in errors')) === true,
      { timeoutMs: 15_000, detail },
    );
    await until(
      'the confirmation in the warning’s thread',
      () => slack.replies(CHANNEL, warning?.ts ?? '').some((r) => r.text.startsWith('Confirmed:')),
      { timeoutMs: 15_000, detail },
    );
    const [confirmation] = slack.replies(CHANNEL, warning?.ts ?? '');
    expect(confirmation?.text).toMatch(
      /^Confirmed: Clerk opened "Elevated sign-in errors"; the bot warned \d+ s before the status page$/,
    );
    expect(JSON.stringify(confirmation?.blocks)).toContain(
      'https://test-workspace.slack.com/archives/C0OPS/p',
    );
    await until(
      'the warning edited to confirmed',
      () => rig?.warnings()[0]?.text.startsWith('Early warning confirmed') === true,
      { timeoutMs: 15_000, detail },
    );
    expect(JSON.stringify(rig.warnings()[0]?.blocks)).toContain('1 seeing it too');
    const metrics = await rig.get('/metrics');
    expect(metrics).toMatch(/clerk_status_early_warning_lead_seconds_count 1/);
    expect(metrics).toMatch(
      /clerk_status_probe_seconds_count\{endpoint="frontend.health",outcome="http_5xx"\} \d+/,
    );
    expect(metrics).not.toContain(clerk.secretKey);
    expect(JSON.stringify(slack.calls)).not.toContain(clerk.secretKey);

    // Recovery after Clerk's own incident is Clerk's to announce: nothing more from the probes.
    clerk.mode.frontend = 'ok';
    await rounds(6, 'more healthy rounds than clearing takes');
    await rig.bot.settled();
    expect(rig.warnings()).toHaveLength(1);
    expect(slack.replies(CHANNEL, warning?.ts ?? '')).toHaveLength(1);
  }, 120_000);

  it('repeats nothing across a restart mid-warning, clears once on recovery, and announces Maintenance Mode once each way', async () => {
    rig = await rigs.start();
    const { clerk, slack } = rig;
    clerk.mode.backend = '429'; // Clerk's 2026 outages answered 429
    await until('one warning', () => rig?.warnings().length === 1, { timeoutMs: 20_000, detail });
    expect(rig.warnings()[0]?.text).toContain("Clerk's Backend API failing");

    // A channel that subscribes now gets the warning as it stands, and hears that it did.
    slack.addChannel({ id: 'C0LATE', name: 'late', members: ['U0ALICE'] });
    await postSigned(
      `http://127.0.0.1:${await rig.bot.port()}/slack/events`,
      slashCommandBody({ text: 'subscribe', channel: 'C0LATE', responseUrl: slack.responseUrl('late') }),
      'application/x-www-form-urlencoded',
    );
    await until('the reply', () => slack.responses.some((r) => r.path === '/respond/late'), { detail });
    expect(String(slack.responses.find((r) => r.path === '/respond/late')?.body.text)).toContain(
      'Early warning (unconfirmed)',
    );
    const lateWarning = () => slack.parents('C0LATE').filter((m) => /^Early warning/.test(m.text));
    await until('the warning in the late channel', () => lateWarning().length === 1, { detail });

    await rig.restart('SIGKILL');
    const requestsBefore = clerk.faultsFired('backend');
    await until('probes after the restart', () => clerk.faultsFired('backend') >= requestsBefore + 5, {
      timeoutMs: 20_000,
    });
    expect(rig.warnings()).toHaveLength(1);

    // The Frontend API failing too redraws the one warning (an edit, no new message).
    clerk.mode.frontend = '503';
    await until(
      'the warning redrawn',
      () => rig?.warnings()[0]?.text.includes("Clerk's Backend API and Frontend API failing") === true,
      {
        timeoutMs: 10_000,
        detail,
      },
    );
    expect(rig.warnings()).toHaveLength(1);
    clerk.mode.frontend = 'ok';
    clerk.mode.backend = 'ok';
    await until(
      'the warning edited to cleared',
      () => rig?.warnings()[0]?.text.startsWith('Early warning cleared') === true,
      { timeoutMs: 20_000, detail },
    );
    const ts = rig.warnings()[0]?.ts ?? '';
    await until('the cleared reply', () => slack.replies(CHANNEL, ts).length === 1, { detail });
    expect(slack.replies(CHANNEL, ts)[0]?.text).toMatch(
      /answer normally again\. The warning lasted .*; Clerk's status page posted nothing/,
    );
    await until(
      'cleared in the late channel too',
      () => lateWarning()[0]?.text.startsWith('Early warning cleared') === true,
      { detail },
    );
    expect(lateWarning()).toHaveLength(1);

    clerk.maintenanceMode = true;
    await until('the Maintenance Mode notice', () => (rig?.parents(':construction:').length ?? 0) === 1, {
      timeoutMs: 10_000,
      detail,
    });
    await rounds(3, 'Maintenance Mode seen over several rounds');
    clerk.maintenanceMode = false;
    await until(
      'the end of Maintenance Mode',
      () => (rig?.parents(':white_check_mark: *Clerk Maintenance Mode is off*').length ?? 0) === 1,
      { timeoutMs: 10_000, detail },
    );
    await rig.bot.settled();
    expect(rig.parents(':construction:')).toHaveLength(1);
    expect(rig.warnings()).toHaveLength(1);
    expect(new Set(slack.deliveryIds()).size).toBe(slack.deliveryIds().length);
  }, 120_000);
});
