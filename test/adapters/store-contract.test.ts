/** One contract, every store: the embedded SQLite store always, Redis whenever it answers (required in CI). */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropNamespace, REDIS_URL, redisAvailable, uniqueNamespace } from '../../devkit/redis.js';
import { until } from '../../devkit/wait.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { History } from '../../src/app/history.js';
import type { Store } from '../../src/app/ports/store.js';
import { isBotError } from '../../src/core/errors.js';
import type { Snapshot } from '../../src/core/events/page.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storeContract(name: string, open: () => Promise<Store | undefined>) {
  describe(`${name} store contract`, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    const s = () => {
      if (!store) throw new Error('store not opened');
      return store;
    };

    it('reads back what it wrote, as JSON values', async () => {
      const value = { a: 1, list: ['x', { y: true }], text: 'unicode ✓ <b>' };
      await s().set('contract:value', value);
      expect(await s().get('contract:value')).toEqual(value);
    });

    it('answers undefined for a key never written', async () => {
      expect(await s().get('contract:never')).toBeUndefined();
    });

    it('deletes, and says whether there was something to delete', async () => {
      await s().set('contract:del', 1);
      expect(await s().delete('contract:del')).toBe(true);
      expect(await s().delete('contract:del')).toBe(false);
      expect(await s().get('contract:del')).toBeUndefined();
    });

    // TTLs of a second, not a tenth: a loaded CI machine once took longer than 100 ms between a write and its read.
    it('expires values after their TTL', async () => {
      await s().set('contract:ttl', 'short', 1_000);
      expect(await s().get('contract:ttl')).toBe('short');
      await until('the value to expire', async () => (await s().get('contract:ttl')) === undefined, {
        timeoutMs: 5_000,
        intervalMs: 50,
      });
    });

    it('sets if absent exactly once, even when many race for it', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s().setIfAbsent('contract:claim', { owner: i }, 10_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await s().get('contract:claim')).toEqual({ owner: winner });
    });

    it('lets a key be claimed again after its TTL passes', async () => {
      expect(await s().setIfAbsent('contract:lease-ttl', 'a', 1_000)).toBe(true);
      expect(await s().setIfAbsent('contract:lease-ttl', 'b', 1_000)).toBe(false);
      await until('the key to be claimable again', () => s().setIfAbsent('contract:lease-ttl', 'b', 10_000), {
        timeoutMs: 5_000,
        intervalMs: 50,
      });
      expect(await s().get('contract:lease-ttl')).toBe('b');
    });

    it('a compare-and-set with a TTL expires (a lease or claim renewed this way never outlives its owner)', async () => {
      expect(await s().compareAndSet('contract:cas-ttl', undefined, { n: 1 }, 60_000)).toBe(true);
      expect(await s().compareAndSet('contract:cas-ttl', { n: 1 }, { n: 2 }, 1_000)).toBe(true);
      expect(await s().get('contract:cas-ttl')).toEqual({ n: 2 });
      await until(
        'the renewed value to expire',
        async () => (await s().get('contract:cas-ttl')) === undefined,
        {
          timeoutMs: 3_000,
          intervalMs: 25,
        },
      );
    });

    it('compares and sets only when the value matches, so concurrent updates never overwrite each other', async () => {
      expect(await s().compareAndSet('contract:cas', undefined, { n: 0 })).toBe(true);
      expect(await s().compareAndSet('contract:cas', undefined, { n: 99 })).toBe(false);
      // 10 writers each add 1 with a read-modify-write loop: none of the increments may be lost.
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (;;) {
            const current = await s().get<{ n: number }>('contract:cas');
            if (await s().compareAndSet('contract:cas', current, { n: (current?.n ?? 0) + 1 })) return;
          }
        }),
      );
      expect(await s().get('contract:cas')).toEqual({ n: 10 });
    });

    it('compares and deletes only when the value matches', async () => {
      await s().setIfAbsent('contract:cad', 'token-1', 10_000);
      expect(await s().compareAndDelete('contract:cad', 'token-2')).toBe(false);
      expect(await s().get('contract:cad')).toBe('token-1');
      expect(await s().compareAndDelete('contract:cad', 'token-1')).toBe(true);
      expect(await s().get('contract:cad')).toBeUndefined();
      expect(await s().compareAndDelete('contract:cad', 'token-1')).toBe(false);
    });

    it('compares objects by value, whatever their key order', async () => {
      const record = {
        state: 'sending',
        owner: 'run-1',
        leaseUntil: 1_764_561_234_567,
        nested: { a: [1, 'two'] },
      };
      await s().setIfAbsent('contract:cad-object', record, 10_000);
      expect(await s().compareAndDelete('contract:cad-object', { ...record, owner: 'run-2' })).toBe(false);
      const reordered = {
        nested: { a: [1, 'two'] },
        leaseUntil: 1_764_561_234_567,
        owner: 'run-1',
        state: 'sending',
      };
      expect(await s().compareAndDelete('contract:cad-object', reordered)).toBe(true);
      expect(await s().get('contract:cad-object')).toBeUndefined();
    });

    it('compares and extends expiry only when the value matches', async () => {
      await s().setIfAbsent('contract:cae', 'token-1', 1_000);
      expect(await s().compareAndExpire('contract:cae', 'token-2', 10_000)).toBe(false);
      expect(await s().compareAndExpire('contract:cae', 'token-1', 10_000)).toBe(true);
      await sleep(1_300); // past the first expiry: the elapsed time is the point
      expect(await s().get('contract:cae')).toBe('token-1');
    });

    it('reads several keys in one call, in the order asked, missing and expired ones as undefined', async () => {
      await s().set('contract:many:a', { a: 1 });
      await s().set('contract:many:b', 'b', 100);
      await sleep(250);
      expect(await s().getMany(['contract:many:a', 'contract:many:none', 'contract:many:b'])).toEqual([
        { a: 1 },
        undefined,
        undefined,
      ]);
      expect(await s().getMany([])).toEqual([]);
    });

    it('applies a batch of writes and index changes together', async () => {
      await s().set('contract:batch:gone', 1);
      await s().write([
        { op: 'set', key: 'contract:batch:a', value: { n: 1 } },
        // Long enough to be read back on a loaded machine (a CI run once read 100 ms as already gone).
        { op: 'set', key: 'contract:batch:short', value: 2, ttlMs: 1_500 },
        { op: 'delete', key: 'contract:batch:gone' },
        { op: 'indexAdd', index: 'contract:index', member: 'b' },
        { op: 'indexAdd', index: 'contract:index', member: 'a' },
        { op: 'indexAdd', index: 'contract:index', member: 'a' },
      ]);
      expect(await s().getMany(['contract:batch:a', 'contract:batch:short', 'contract:batch:gone'])).toEqual([
        { n: 1 },
        2,
        undefined,
      ]);
      expect(await s().members('contract:index')).toEqual(['a', 'b']);
      await s().write([{ op: 'indexRemove', index: 'contract:index', member: 'a' }]);
      expect(await s().members('contract:index')).toEqual(['b']);
      expect(await s().members('contract:index:never')).toEqual([]);
      await until(
        'the short-lived key to expire',
        async () => (await s().get('contract:batch:short')) === undefined,
        {
          timeoutMs: 5_000,
          intervalMs: 50,
        },
      );
    });

    it('claims a key once and tells every loser what the winner wrote', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s().claim('contract:claim2', { owner: i }, 10_000)),
      );
      const winners = results.filter((r) => r.claimed);
      expect(winners).toHaveLength(1);
      const winner = results.findIndex((r) => r.claimed);
      for (const r of results) if (!r.claimed) expect(r.current).toEqual({ owner: winner });
    });

    it('keeps the incident history (one data model on every store): incidents, changes, watched time', async () => {
      const history = new History(s());
      const t0 = Date.parse('2026-12-01T10:00:00Z');
      const page = (ms: number, status: 'operational' | 'major_outage', open: boolean): Snapshot => ({
        page: { name: 'Clerk', url: 'https://status.clerk.com' },
        components: [{ id: 'c1', name: 'Frontend API', status, position: 1 }],
        incidents: [
          {
            id: 'h1',
            name: 'Sign-in failures',
            status: open ? 'investigating' : 'resolved',
            impact: 'major',
            createdAt: new Date(t0 + 60_000).toISOString(),
            ...(open ? {} : { resolvedAt: new Date(t0 + 31 * 60_000).toISOString() }),
            url: 'https://status.clerk.com/incidents/h1',
            updates: [
              {
                id: 'u1',
                status: 'investigating',
                body: 'Looking into it.',
                at: new Date(t0 + 60_000).toISOString(),
              },
            ],
            componentIds: ['c1'],
          },
        ],
        maintenances: [],
        fetchedAt: new Date(ms).toISOString(),
      });
      await history.record(page(t0, 'operational', true), t0);
      await history.record(page(t0 + 61_000, 'major_outage', true), t0 + 61_000);
      await history.record(page(t0 + 31 * 60_000, 'operational', false), t0 + 31 * 60_000);
      const window = await new History(s()).window(1, t0 + 60 * 60_000);
      expect(window.incidents).toMatchObject([{ id: 'h1', resolvedAt: '2026-12-01T10:31:00.000Z' }]);
      expect(window.incidents[0]?.imported).toBeUndefined();
      expect(window.changes.map((c) => `${c.from}→${c.to}`)).toEqual([
        'operational→major_outage',
        'major_outage→operational',
      ]);
      // Polls 30 minutes apart: two watched periods, the gap between them not counted as watched.
      expect(window.watched).toEqual([
        { from: t0, to: t0 + 61_000 },
        { from: t0 + 31 * 60_000, to: t0 + 31 * 60_000 },
      ]);
    });

    it('answers a ping', async () => {
      await expect(s().ping()).resolves.toBeUndefined();
    });
  });
}

let dir = '';
storeContract('sqlite', async () => {
  dir = await mkdtemp(join(tmpdir(), 'clerk-store-'));
  return openSqliteStore(join(dir, 'state.db'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const redisUp = await redisAvailable('Redis store contract');
describe.runIf(redisUp)('redis', () => {
  const namespace = uniqueNamespace('contract');
  storeContract('redis', () => openRedisStore(REDIS_URL, { namespace }));
  afterAll(() => dropNamespace(REDIS_URL, namespace));
});

describe.runIf(redisUp)('redis store failures', () => {
  it('fails loudly with STORE_UNAVAILABLE when Redis is unreachable', async () => {
    await expect(openRedisStore('redis://127.0.0.1:1')).rejects.toSatisfy((e) =>
      isBotError(e, 'STORE_UNAVAILABLE'),
    );
  });
});
