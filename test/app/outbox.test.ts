/** The outbox never loses a change, even when two writers (replicas that both think they lead) interleave. */
import { describe, expect, it } from 'vitest';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { dropNamespace, REDIS_URL, redisAvailable, uniqueNamespace } from '../../devkit/redis.js';
import { openRedisStore } from '../../src/adapters/store/redis-store.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite-store.js';
import { Outbox } from '../../src/app/outbox.js';
import type { Store } from '../../src/app/ports/store.js';
import type { BotEvent } from '../../src/core/events/bot-event.js';

const event = (id: string): BotEvent => ({
  kind: 'source.recovered',
  id,
  at: '2026-01-01T00:00:00Z',
  since: '2026-01-01T00:00:00Z',
  downForMs: 0,
});

async function interleaved(store: Store) {
  // Two Outbox instances on one store stand for two processes: no shared in-memory lock between them.
  const a = new Outbox(store);
  const b = new Outbox(store);
  await Promise.all([
    ...Array.from({ length: 20 }, (_, i) => a.append([event(`a${i}`)])),
    ...Array.from({ length: 20 }, (_, i) => b.append([event(`b${i}`)])),
  ]);
  expect((await a.pending()).map((e) => e.id).sort()).toHaveLength(40);
  await Promise.all([a.complete(['a0', 'a1']), b.complete(['b0']), a.append([event('a0'), event('late')])]);
  const ids = (await b.pending()).map((e) => e.id);
  expect(ids).toHaveLength(38);
  expect(ids).toContain('late');
  expect(ids).not.toContain('a0'); // completed ids are remembered, not queued again
}

const redisUp = await redisAvailable('outbox on Redis');

describe('outbox', () => {
  it('keeps every append and completion from interleaved writers (SQLite)', async () => {
    const store = await openSqliteStore(await tempStatePath());
    await interleaved(store);
    await store.close();
  });

  it.runIf(redisUp)('keeps every append and completion from interleaved writers (Redis)', async () => {
    const namespace = uniqueNamespace('outbox');
    const store = await openRedisStore(REDIS_URL, { namespace });
    await interleaved(store);
    await store.close();
    await dropNamespace(REDIS_URL, namespace);
  });
});
