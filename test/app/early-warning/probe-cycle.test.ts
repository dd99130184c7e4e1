/**
 * The probe cycle over the real probe client (loopback to the fake Clerk), a real SQLite store and the real outbox;
 * the vote use case over the real Slack sender to the fake Slack. Rounds are driven by hand with a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClerk } from '../../../devkit/fake-clerk.js';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { ManualClock, tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { HttpControlCheck } from '../../../src/adapters/clerk/control-check.js';
import { ClerkProbeClient } from '../../../src/adapters/clerk/probe-client.js';
import { boltLogger } from '../../../src/adapters/log/bolt-logger.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { SlackSender } from '../../../src/adapters/slack/sender.js';
import { WorkspaceClients } from '../../../src/adapters/slack/workspace-clients.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite-store.js';
import { ProbeCycle, SIGNAL_KEY } from '../../../src/app/early-warning/probe-cycle.js';
import { WarningVotes } from '../../../src/app/early-warning/votes.js';
import { Outbox } from '../../../src/app/outbox.js';
import type { Store } from '../../../src/app/ports/store.js';
import type { SignalState } from '../../../src/core/early-warning/signal.js';
import { probeThresholds } from '../../../src/core/early-warning/thresholds.js';

let clerk: FakeClerk;
const closers: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  clerk = await FakeClerk.start();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await clerk.close();
});

async function parts(options: { statePath?: string; controlUrls?: string[] } = {}) {
  const store = await openSqliteStore(options.statePath ?? (await tempStatePath()));
  const t = probeThresholds(1);
  const prober = new ClerkProbeClient({
    frontendApiUrl: clerk.url,
    backend: { apiUrl: clerk.url, secretKey: clerk.secretKey },
    ...{ timeoutMs: t.timeoutMs, slowMs: t.slowMs, usersCountEveryMs: t.usersCountEveryMs },
  });
  const control = new HttpControlCheck(options.controlUrls ?? [`${clerk.url}/control`], 500);
  closers.push(
    () => store.close(),
    () => prober.close(),
    () => control.close(),
  );
  const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'));
  const outbox = new Outbox(store);
  const leader = { is: true };
  const cycle = new ProbeCycle({
    ...{ prober, control, store, outbox, clock, thresholds: t },
    log: createLogger('silent'),
    page: () => undefined,
    isLeader: () => leader.is,
  });
  const rounds = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await cycle.run();
      clock.time += 1_000;
    }
  };
  return { store, outbox, cycle, rounds, leader };
}

const kinds = async (outbox: Outbox) => (await outbox.pending()).map((e) => e.kind);

describe('the probe cycle', () => {
  it('queues one warning after enough failed rounds, stores the signal, and a restart repeats nothing', async () => {
    const statePath = await tempStatePath();
    clerk.mode.frontend = '503';
    const first = await parts({ statePath });
    await first.rounds(4);
    expect(await kinds(first.outbox)).toEqual([]);
    await first.rounds(1);
    expect(await kinds(first.outbox)).toEqual(['warning.raised']);
    const stored = await first.store.get<SignalState>(SIGNAL_KEY);
    expect(stored?.phase).toBe('warning');

    const restarted = await parts({ statePath });
    await restarted.rounds(3);
    expect(await kinds(restarted.outbox)).toEqual(['warning.raised']);
    expect((await restarted.store.get<SignalState>(SIGNAL_KEY))?.warning?.id).toBe(stored?.warning?.id);
    clerk.mode.frontend = 'ok';
    await restarted.rounds(5);
    expect(await kinds(restarted.outbox)).toEqual(['warning.raised', 'warning.cleared']);
  });

  it('does not probe on a follower, but reads what the leader saw', async () => {
    const statePath = await tempStatePath();
    const leader = await parts({ statePath });
    await leader.rounds(1);
    const follower = await parts({ statePath });
    follower.leader.is = false;
    const before = clerk.requests.length;
    await follower.rounds(2);
    expect(clerk.requests.length).toBe(before);
    expect(follower.cycle.latest?.lastRound?.results.length).toBeGreaterThan(0);
  });

  it('raises nothing when the control fails too, and says so in the state', async () => {
    const dead = await FakeClerk.start();
    const deadUrl = dead.url;
    await dead.close();
    clerk.mode.frontend = 'hang';
    clerk.mode.backend = 'hang';
    const p = await parts({ controlUrls: [deadUrl] });
    const started = Date.now();
    await p.rounds(8);
    expect(Date.now() - started).toBeLessThan(8 * 2_000); // a hanging Clerk never holds a round past its timeouts
    expect(await kinds(p.outbox)).toEqual([]);
    expect(p.cycle.latest?.network?.since).toBeDefined();
    expect(clerk.faultsFired()).toBeGreaterThan(0);
    clerk.mode.frontend = 'ok';
    clerk.mode.backend = 'ok';
  });

  it('counts one vote per person per channel, moves a changed vote, and redraws the message', async () => {
    const statePath = await tempStatePath();
    clerk.mode.frontend = '503';
    const p = await parts({ statePath });
    await p.rounds(5);
    clerk.mode.frontend = 'ok';
    const warningId = (await p.store.get<SignalState>(SIGNAL_KEY))?.warning?.id ?? '';
    const slack = await FakeSlack.start();
    closers.push(() => slack.close());
    slack.addChannel({ id: 'C1', name: 'ops', botIsMember: true });
    const workspaces = new WorkspaceClients({
      source: { botToken: 'xoxb-votes' },
      apiUrl: slack.apiUrl,
      logger: boltLogger(createLogger('silent')),
      timeoutMs: 2_000,
    });
    const sender = new SlackSender({ workspaces });
    const { ts } = await sender.post('T', 'C1', { text: 'warning', blocks: [] }, { deliveryId: 'd1' });
    const votes = new WarningVotes({
      store: p.store as Store,
      sender,
      statusPageUrl: 'https://status.clerk.com',
      log: createLogger('silent'),
    });
    const vote = (userId: string, choice: 'seeing' | 'notAffected') =>
      votes.vote({ teamId: 'T', channelId: 'C1', userId, warningId, choice, messageTs: ts });
    await vote('U1', 'seeing');
    await vote('U1', 'seeing');
    await vote('U2', 'seeing');
    await vote('U2', 'notAffected');
    expect(await votes.tally('T', 'C1', warningId)).toEqual({ seeing: 1, notAffected: 1 });
    expect(await votes.tally('T', 'C2', warningId)).toEqual({ seeing: 0, notAffected: 0 });
    const drawn = JSON.stringify(slack.find('C1', ts)?.blocks);
    expect(drawn).toContain('Seeing it too (1)');
    expect(drawn).toContain('Not affected here (1)');
    // A vote on an older warning's message still counts, but leaves that message as it is.
    const edits = slack.callsOf('chat.update').length;
    await votes.vote({
      teamId: 'T',
      channelId: 'C1',
      userId: 'U3',
      warningId: 'early-warning:old',
      choice: 'seeing',
      messageTs: ts,
    });
    expect(slack.callsOf('chat.update').length).toBe(edits);
    expect(await votes.tally('T', 'C1', 'early-warning:old')).toEqual({ seeing: 1, notAffected: 0 });
  });
});
