/**
 * Personal DMs end to end over the fake Slack: `/clerk-status dm` (a guest may), the recorded /handshake incident
 * threaded in the caller's DM with its resolution, nobody else's App Home showing it, `dm off`, and a deactivated
 * user's DM ending its subscription at the first refused post.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
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
