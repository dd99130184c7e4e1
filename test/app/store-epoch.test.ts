/**
 * The store's identity record, on a real SQLite store: a fresh store is not a loss; the record deleted is a loss,
 * said once (at error) by whoever notices, and remembered so another replica or a restart knows it without saying
 * it again; App Home tells the workspace to subscribe again.
 */
import { describe, expect, it } from 'vitest';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { EPOCH_KEY, StoreEpoch } from '../../src/app/store-epoch.js';
import { renderHomeView } from '../../src/core/render/home-view.js';

function logged() {
  const errors: string[] = [];
  const log = { error: (_: object, m: string) => errors.push(m), warn() {}, info() {}, debug() {} };
  return { errors, log };
}

describe('the store epoch', () => {
  it('a fresh store is no loss; its identity record gone is, said once and remembered for every replica', async () => {
    const store = await openSqliteStore(await tempStatePath());
    const a = logged();
    const lost: boolean[] = [];
    const first = new StoreEpoch({
      store,
      now: () => 1_000,
      log: a.log,
      observer: { dataLost: (l) => lost.push(l) },
    });
    await first.begin();
    await first.check();
    expect([first.lostSince, a.errors, lost]).toEqual([undefined, [], []]);

    await store.delete(EPOCH_KEY); // what Redis restarting empty, or eviction, does
    await first.check();
    await first.check();
    expect(first.lostSince).toBe(new Date(1_000).toISOString());
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0]).toMatch(/the store lost its data/);
    expect(lost).toEqual([true]);

    const b = logged();
    const replica = new StoreEpoch({ store, now: () => 5_000, log: b.log });
    await replica.begin();
    expect([replica.lostSince, b.errors]).toEqual([new Date(1_000).toISOString(), []]);
    await store.close();
  });

  it('App Home says the subscriptions are gone and how to get them back', () => {
    const view = renderHomeView({
      snapshot: undefined,
      lastCheckedAt: undefined,
      now: 0,
      subscriptions: [],
      statusPageUrl: 'https://status.clerk.com',
      dataLostSince: '2026-12-07T10:00:00.000Z',
    });
    expect(JSON.stringify(view.blocks)).toMatch(/store lost its data.*\/clerk-status subscribe/);
  });
});
