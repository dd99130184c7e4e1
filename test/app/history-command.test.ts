/**
 * `/clerk-status history` end to end: the real bot replays the recorded DNS outage (recording its history after
 * each poll), then answers the command with the incident, how long it lasted, and each component's share of
 * watched time operational; a bad `days` gets the valid range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';
import { type EscalationRig, replay, startEscalationRig } from './escalate/escalation-rig.js';

const dns = loadTimeline('clerk-2026-02-10-dns-outage');
let rig: EscalationRig;

beforeAll(async () => {
  rig = await startEscalationRig(dns);
  await replay(rig, dns);
}, 60_000);
afterAll(async () => {
  await rig.close();
});

async function ask(text: string): Promise<string> {
  const responseUrl = rig.slack.responseUrl(`h${Math.random().toString(36).slice(2)}`);
  const body = slashCommandBody({ text, responseUrl, channel: 'C0ALL' });
  const url = `http://127.0.0.1:${rig.bot.port}/slack/events`;
  const ack = await postSigned(url, body, 'application/x-www-form-urlencoded');
  // A bad command is answered in the acknowledgement itself; the rest through the response URL.
  if (ack.text.includes('"text"')) return ack.text;
  const path = new URL(responseUrl).pathname;
  await until(`a reply to ${text}`, () => rig.slack.responses.some((r) => r.path === path));
  const reply = rig.slack.responses.find((r) => r.path === path);
  return `${String(reply?.body.text)}\n${JSON.stringify(reply?.body.blocks ?? [])}`;
}

describe('/clerk-status history', () => {
  it('lists the DNS outage with its duration, and the components’ share of watched time', async () => {
    const said = await ask('history');
    expect(said).toContain('DNS Outage causing critical services to go down');
    expect(said).toContain('lasted 2 h 8 min');
    expect(said).toMatch(/Share of time operational/);
    // The replay took seconds: the rest of the 30 days is said to be unwatched, not counted as up.
    expect(said).toMatch(/did not watch is left out, not counted as up/);
  });

  it.each(['history 0', 'history 91', 'history lots'])('%s: the valid range, nothing else', async (text) => {
    expect(await ask(text)).toMatch(/`history` takes a number of days from 1 to 90/);
  });
});
