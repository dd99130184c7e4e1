/** One contract, every store: the file store always, Redis whenever it answers (required in CI). */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/adapters/store/file-store.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import type { Store } from '../../src/app/ports.js';
import { isBotError } from '../../src/core/errors.js';
import { REDIS_URL, redisAvailable, uniqueNamespace } from '../helpers/redis.js';

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

    it('expires values after their TTL', async () => {
      await s().set('contract:ttl', 'short', 150);
      expect(await s().get('contract:ttl')).toBe('short');
      await sleep(300);
      expect(await s().get('contract:ttl')).toBeUndefined();
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
      expect(await s().setIfAbsent('contract:lease-ttl', 'a', 150)).toBe(true);
      expect(await s().setIfAbsent('contract:lease-ttl', 'b', 150)).toBe(false);
      await sleep(300);
      expect(await s().setIfAbsent('contract:lease-ttl', 'b', 150)).toBe(true);
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
      await s().setIfAbsent('contract:cae', 'token-1', 200);
      expect(await s().compareAndExpire('contract:cae', 'token-2', 10_000)).toBe(false);
      expect(await s().compareAndExpire('contract:cae', 'token-1', 10_000)).toBe(true);
      await sleep(350);
      expect(await s().get('contract:cae')).toBe('token-1');
    });

    it('answers a ping', async () => {
      await expect(s().ping()).resolves.toBeUndefined();
    });
  });
}

let dir = '';
storeContract('file', async () => {
  dir = await mkdtemp(join(tmpdir(), 'clerk-store-'));
  return openFileStore(join(dir, 'state.json'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const redisUp = await redisAvailable('Redis store contract');
describe.runIf(redisUp)('redis', () => {
  storeContract('redis', () => openRedisStore(REDIS_URL, { namespace: uniqueNamespace('contract') }));
});

describe('file store durability', () => {
  it('persists across reopen, and writes the file atomically', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'clerk-store-'));
    const path = join(folder, 'nested', 'state.json');
    const first = await openFileStore(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => first.set(`k${i}`, { i })));
    await first.close();
    JSON.parse(await readFile(path, 'utf8'));
    const second = await openFileStore(path);
    expect(await second.get('k49')).toEqual({ i: 49 });
    await second.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses to start from a corrupt state file instead of silently starting over', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'clerk-store-'));
    const path = join(folder, 'state.json');
    await writeFile(path, '{"version":1,"entr');
    await expect(openFileStore(path)).rejects.toSatisfy((e) => isBotError(e, 'STORE_CORRUPT'));
    await rm(folder, { recursive: true, force: true });
  });
});

describe.runIf(redisUp)('redis store failures', () => {
  it('fails loudly with STORE_UNAVAILABLE when Redis is unreachable', async () => {
    await expect(openRedisStore('redis://127.0.0.1:1')).rejects.toSatisfy((e) =>
      isBotError(e, 'STORE_UNAVAILABLE'),
    );
  });
});
