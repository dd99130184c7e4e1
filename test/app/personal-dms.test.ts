/**
 * Personal DMs end to end over the fake Slack: `/clerk-status dm` (a guest may), the recorded /handshake incident
 * threaded in the caller's DM with its resolution, nobody else's App Home showing it, `dm off`, and a deactivated
 * user's DM ending its subscription at the first refused post.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eventBody, interactionBody, postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';
import { type EscalationRig, pollAndSettle, startEscalationRig } from './escalate/escalation-rig.js';

const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const rigs: EscalationRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

async function ask(rig: EscalationRig, text: string, user: string): Promise<string> {
  const responseUrl = rig.slack.responseUrl(`d${Math.random().toString(36).slice(2)}`);
  const body = slashCommandBody({ text, responseUrl, channel: 'C0ALL', user });
  const ack = await postSigned(
    `http://127.0.0.1:${rig.bot.port}/slack/events`,
    body,
    'application/x-www-form-urlencoded',
  );
  if (ack.text.includes('"text"')) return ack.text;
  const path = new URL(responseUrl).pathname;
  await until(`a reply to ${text}`, () => rig.slack.responses.some((r) => r.path === path));
  return String(rig.slack.responses.find((r) => r.path === path)?.body.text);
}

async function replayFrom(rig: EscalationRig, first: number) {
  const offset = Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? '');
  for (let i = first; i < handshake.steps.length; i++) {
    rig.page.serveStep(handshake, i, offset);
    await pollAndSettle(rig.bot);
  }
}

describe('direct messages', () => {
  it('a guest subscribes themselves; the incident is threaded in their DM; dm off ends it', async () => {
    const rig = await startEscalationRig(handshake);
    rigs.push(rig);
    rig.slack.addUser({ id: 'U0GUEST', isGuest: true });
    await pollAndSettle(rig.bot); // seed
    expect(await ask(rig, 'dm Session management', 'U0GUEST')).toMatch(
      /direct messages about \*Session management\*/,
    );
    expect(rig.slack.callsOf('conversations.open')).toHaveLength(1);
    await replayFrom(rig, 1);
    const dm = rig.slack.transcript('D0GUEST');
    expect(dm[0]).toMatch(/^Clerk incident: \/handshake endpoint failures — Resolved after 36 min/);
    expect(dm.filter((l) => l.startsWith('  '))).toHaveLength(1); // the resolution, in its thread
    expect(rig.slack.transcript('C0ALL')).toEqual(dm); // the same story the channel got
    expect(await ask(rig, 'dm off', 'U0GUEST')).toMatch(/No more direct messages/);
    expect(await rig.bot.subscriptions.get('T0TEAM', 'D0GUEST')).toBeUndefined();
  });

  it('a deactivated user’s DM ends its subscription at the first refused post, and blocks nothing', async () => {
    const rig = await startEscalationRig(handshake);
    rigs.push(rig);
    rig.slack.addUser({ id: 'U0GONE' });
    await pollAndSettle(rig.bot);
    await ask(rig, 'dm', 'U0GONE');
    expect(await rig.bot.subscriptions.get('T0TEAM', 'D0GONE')).toMatchObject({
      personal: { userId: 'U0GONE' },
    });
    rig.slack.addUser({ id: 'U0GONE', deactivated: true });
    await replayFrom(rig, 1);
    expect(rig.slack.transcript('D0GONE')).toEqual([]);
    expect(await rig.bot.subscriptions.get('T0TEAM', 'D0GONE')).toBeUndefined();
    expect(rig.slack.parents('C0ALL')).toHaveLength(1);
  });

  it('subscribing mid-incident: the open incident comes to the DM as it stands, its end follows in its thread', async () => {
    const rig = await startEscalationRig(handshake);
    rigs.push(rig);
    rig.slack.addUser({ id: 'U0LATE' });
    await pollAndSettle(rig.bot);
    const offset = Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? '');
    rig.page.serveStep(handshake, 1, offset);
    await pollAndSettle(rig.bot);
    expect(await ask(rig, 'dm', 'U0LATE')).toMatch(/The incident open now is on the way/);
    await pollAndSettle(rig.bot);
    expect(rig.slack.parents('D0LATE')).toHaveLength(1);
    await replayFrom(rig, 2);
    expect(rig.slack.transcript('D0LATE')[0]).toMatch(/Resolved after 36 min/);
    expect(rig.slack.parents('D0LATE')).toHaveLength(1);
  });

  it('App Home shows the viewer their own DMs only, and its button turns them off and on', async () => {
    const rig = await startEscalationRig(handshake);
    rigs.push(rig);
    const url = `http://127.0.0.1:${rig.bot.port}/slack/events`;
    await pollAndSettle(rig.bot);
    await ask(rig, 'dm Session management', 'U0ALICE');
    const home = async (user: string) => {
      const before = rig.slack.callsOf('views.publish').length;
      await postSigned(
        url,
        eventBody({ type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME' }),
        'application/json',
      );
      await until('App Home published', () => rig.slack.callsOf('views.publish').length > before);
      return JSON.stringify(
        rig.slack
          .callsOf('views.publish')
          .filter((c) => c.args.user_id === user)
          .at(-1)?.args.view,
      );
    };
    const alices = await home('U0ALICE');
    expect(alices).toMatch(/Direct messages to you\*: \*Session management\*.*Stop my DMs/);
    expect(alices).toContain('*Session management*. Change with'); // the form the check below looks for
    expect(await home('U0BOB')).toMatch(/Direct messages to you\*: off.*Send me DMs/);
    // Nobody sees another person's DMs: Bob's tab has no trace of Alice's line or her button.
    const bobs = await home('U0BOB');
    expect(bobs).not.toContain('*Session management*. Change with');
    expect(bobs).not.toContain('Stop my DMs');
    const click = (user: string, value: string) =>
      postSigned(
        url,
        interactionBody({
          type: 'block_actions',
          user: { id: user, team_id: 'T0TEAM' },
          team: { id: 'T0TEAM' },
          container: { type: 'view', view_id: 'V0HOME' },
          actions: [{ type: 'button', action_id: 'clerk_status_dm_toggle', value }],
          trigger_id: `${Math.random()}.trigger`,
        }),
        'application/x-www-form-urlencoded',
      );
    await click('U0ALICE', 'off');
    await until('DMs off', async () => (await rig.bot.subscriptions.get('T0TEAM', 'D0ALICE')) === undefined);
    await click('U0BOB', 'on');
    await until('DMs on', async () => (await rig.bot.subscriptions.get('T0TEAM', 'D0BOB')) !== undefined);
  });

  it('rejects a bad component name with the valid ones', async () => {
    const rig = await startEscalationRig(handshake);
    rigs.push(rig);
    await pollAndSettle(rig.bot);
    expect(await ask(rig, 'dm Teleportation', 'U0ALICE')).toMatch(
      /Teleportation|not a component|don't know/i,
    );
    expect(await rig.bot.subscriptions.get('T0TEAM', 'D0ALICE')).toBeUndefined();
  });
});
