/**
 * The late-copy sweep, over loopback to the fake Slack and on a real SQLite store: when two messages carry one
 * delivery id (a paused process's request landed after another process had taken over and posted), the one the
 * record names stays and the other is deleted; nothing is deleted while the record is not final, and a delivery with
 * one message is left alone.
 */
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { ManualClock, tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { boltLogger } from '../../../src/adapters/log/bolt-logger.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { SlackSender } from '../../../src/adapters/slack/sender.js';
import { WorkspaceClients } from '../../../src/adapters/slack/workspace-clients.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite-store.js';
import { DeliveryRecords } from '../../../src/app/deliver/delivery-records.js';
import { LateCopies } from '../../../src/app/deliver/late-copies.js';

async function rig() {
  const slack = await FakeSlack.start();
  slack.addChannel({ id: 'C1', name: 'ops', botIsMember: true });
  const workspaces = new WorkspaceClients({
    source: { botToken: 'xoxb-late' },
    apiUrl: slack.apiUrl,
    logger: boltLogger(createLogger('silent')),
    timeoutMs: 2_000,
  });
  const sender = new SlackSender({ workspaces });
  const store = await openSqliteStore(await tempStatePath());
  const records = new DeliveryRecords(store, 'A', new ManualClock(Date.now()));
  const sweeper = new LateCopies({ sender, records, log: createLogger('silent'), settleMs: 10 });
  const post = async () =>
    (await sender.post('T', 'C1', { text: 'parent', blocks: [] }, { deliveryId: 'd1' })).ts;
  const copy = { teamId: 'T', channelId: 'C1', deliveryId: 'd1', since: Date.now() - 60_000 };
  const close = async () => {
    await store.close();
    await slack.close();
  };
  return { slack, store, sweeper, post, copy, close };
}

describe('late copies', () => {
  it('keeps the message the record names and deletes the other copy', async () => {
    const r = await rig();
    const theirs = await r.post();
    const late = await r.post();
    await r.store.set('delivery:d1', { state: 'sent', ts: theirs });
    await r.sweeper.sweep(r.copy);
    expect(r.slack.messages.map((m) => m.ts)).toEqual([theirs]);
    expect(r.slack.deletedByBot.map((m) => m.ts)).toEqual([late]);
    await r.close();
  });

  it('deletes nothing while the record is not final, and nothing when there is one message', async () => {
    const r = await rig();
    const only = await r.post();
    await r.store.set('delivery:d1', {
      state: 'sending',
      owner: 'B',
      leaseUntil: Date.now() + 5_000,
      since: 0,
    });
    await r.sweeper.sweep(r.copy, 5);
    await r.store.set('delivery:d1', { state: 'sent', ts: only });
    await r.sweeper.sweep(r.copy);
    expect(r.slack.messages.map((m) => m.ts)).toEqual([only]);
    expect(r.slack.deletedByBot).toEqual([]);
    await r.close();
  });
});
