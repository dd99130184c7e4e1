/**
 * The claim rules, on a real SQLite store with clocks moved by hand: a claim is renewed right before each call and
 * fails to renew once taken over; another owner takes over only after the lease and then the send window; every
 * takeover raises the fence and remembers when the delivery was first claimed; a release never removes a record
 * someone else took over.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite-store.js';
import { type DeliveryRecord, DeliveryRecords } from '../../../src/app/deliver/delivery-records.js';

const LEASE_MS = 5_000;
const WINDOW_MS = 3_000;

async function twoProcesses() {
  const store = await openSqliteStore(await tempStatePath());
  const clock = new ManualClock(1_000_000);
  const a = new DeliveryRecords(store, 'A', clock, LEASE_MS, WINDOW_MS);
  const b = new DeliveryRecords(store, 'B', clock, LEASE_MS, WINDOW_MS);
  const record = () => store.get<DeliveryRecord>('delivery:d1');
  return { store, clock, a, b, record };
}

describe('delivery claims', () => {
  it('a fresh claim is fenced at 1 and renews while it is its owner’s', async () => {
    const { store, clock, a, record } = await twoProcesses();
    expect(await a.claim('d1')).toMatchObject({ kind: 'claimed', lookUpFirst: false });
    expect(await record()).toMatchObject({ state: 'sending', owner: 'A', fence: 1 });
    clock.time += 4_000;
    expect(await a.renew('d1')).toBe(true);
    expect(await record()).toMatchObject({ leaseUntil: clock.time + LEASE_MS, fence: 1 });
    await store.close();
  });

  it('another owner waits out the lease and the send window, then takes over with a higher fence', async () => {
    const { store, clock, a, b, record } = await twoProcesses();
    await a.claim('d1');
    const since = clock.time;
    clock.time += LEASE_MS + 1; // the lease lapsed, but a call renewed at its end may still be on its way
    expect(await b.claim('d1')).toEqual({ kind: 'busy' });
    clock.time += WINDOW_MS;
    expect(await b.claim('d1')).toMatchObject({ kind: 'claimed', lookUpFirst: true, since });
    expect(await record()).toMatchObject({ owner: 'B', fence: 2, since });
    await store.close();
  });

  it('a paused owner that resumes after a takeover cannot renew: it must not send', async () => {
    const { store, clock, a, b } = await twoProcesses();
    await a.claim('d1');
    clock.time += LEASE_MS + WINDOW_MS + 1; // A is frozen (SIGSTOP) past its lease and window
    await b.claim('d1');
    expect(await a.renew('d1')).toBe(false);
    expect(await b.renew('d1')).toBe(true);
    await store.close();
  });

  it('a lapsed claim nobody took over still renews: its owner may send', async () => {
    const { store, clock, a } = await twoProcesses();
    await a.claim('d1');
    clock.time += 60_000;
    expect(await a.renew('d1')).toBe(true);
    await store.close();
  });

  it('a release never removes a record another owner took over', async () => {
    const { store, clock, a, b, record } = await twoProcesses();
    await a.claim('d1');
    clock.time += LEASE_MS + WINDOW_MS + 1;
    await b.claim('d1');
    await a.release('d1');
    expect(await record()).toMatchObject({ owner: 'B' });
    await b.release('d1');
    expect(await record()).toBeUndefined();
    await store.close();
  });

  it('its own abandoned claim is taken back at once, to look it up first', async () => {
    const { store, a, record } = await twoProcesses();
    await a.claim('d1');
    a.abandon('d1');
    expect(await a.claim('d1')).toMatchObject({ kind: 'claimed', lookUpFirst: true });
    expect(await record()).toMatchObject({ owner: 'A', fence: 2 });
    await store.close();
  });

  it('a record from before fences existed is taken over as fence 0', async () => {
    const { store, clock, b, record } = await twoProcesses();
    const old = {
      state: 'sending',
      owner: 'OLD',
      leaseUntil: clock.time - 10_000,
      since: clock.time - 15_000,
    };
    await store.set('delivery:d1', old);
    expect(await b.claim('d1')).toMatchObject({ kind: 'claimed', lookUpFirst: true });
    expect(await record()).toMatchObject({ owner: 'B', fence: 1, since: old.since });
    await store.close();
  });

  it('a claim taken before the clock was set back an hour lapses a lease from now, not an hour later', async () => {
    const { store, clock, a, b, record } = await twoProcesses();
    await a.claim('d1'); // A claims, then dies; the clock goes back an hour
    clock.time -= 3_600_000;
    expect(await b.claim('d1')).toEqual({ kind: 'busy' }); // its lease now ends a lease from now, not in an hour
    expect(await record()).toMatchObject({ owner: 'A', leaseUntil: clock.time + LEASE_MS });
    expect(await a.renew('d1')).toBe(false); // had A lived, it would look the message up before trying again
    clock.time += LEASE_MS + WINDOW_MS + 1;
    const taken = await b.claim('d1');
    // Its start came from the wrong clock: the lookup goes back a day, to before any time it could have been sent.
    expect(taken).toMatchObject({ kind: 'claimed', lookUpFirst: true });
    expect(taken.kind === 'claimed' && taken.since).toBeLessThanOrEqual(clock.time - 24 * 3_600_000);
    await store.close();
  });

  it('a claim of its own from before the clock was set back is looked up a day back', async () => {
    const { store, clock, a } = await twoProcesses();
    await a.claim('d1');
    a.abandon('d1');
    clock.time -= 3_600_000;
    const taken = await a.claim('d1');
    expect(taken.kind === 'claimed' && taken.since).toBeLessThanOrEqual(clock.time - 24 * 3_600_000);
    await store.close();
  });
});
