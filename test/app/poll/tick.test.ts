/**
 * The tick on its own, without the rest of the bot: one replica leads and polls, another follows and adopts
 * the leader's snapshot; a store outage is logged once when it starts and once when it ends.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { ManualClock } from '../../../devkit/harness/bot-parts.js';
import {
  dropNamespace,
  OwnRedis,
  REDIS_URL,
  redisAvailable,
  redisServerInstalled,
  uniqueNamespace,
} from '../../../devkit/redis.js';
import { loadTimeline } from '../../../devkit/timeline.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { StatusPageClient } from '../../../src/adapters/status-page/client.js';
import { openRedisStore } from '../../../src/adapters/store/redis-store.js';
import { LeaderLease } from '../../../src/app/lease.js';
import { Outbox } from '../../../src/app/outbox.js';
import { PollCycle } from '../../../src/app/poll/poll-cycle.js';
import { PollTick } from '../../../src/app/poll/tick.js';
import type { Store } from '../../../src/app/ports/store.js';

const redisUp = await redisAvailable('poll tick on Redis');
const ownRedis = await redisServerInstalled('poll tick through a Redis outage');
const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
let page: FakeStatusPage;
beforeAll(async () => {
  page = await FakeStatusPage.start();
  page.serveStep(timeline, 1, Date.now() - Date.parse(timeline.steps[1]?.fetchedAt ?? ''));
});
afterAll(async () => page.close());

function logLines() {
  const lines: { msg: string; level: number }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

function replica(store: Store, log: ReturnType<typeof createLogger>) {
  const source = new StatusPageClient({ baseUrl: page.url, timeoutMs: 1_000, maxRetries: 0 });
  const cycle = new PollCycle({
    source,
    store,
    outbox: new Outbox(store),
    clock: new ManualClock(Date.now()),
    log,
    maxUpdateAgeMs: 24 * 3600_000,
  });
  const kicks: number[] = [];
  const leadership: boolean[] = [];
  const tick = new PollTick({
    lease: new LeaderLease(store, 5_000, randomUUID()),
    cycle,
    kickDelivery: () => kicks.push(1),
    refreshHome: async () => {},
    log,
    storeLabel: 'test store',
    now: () => Date.now(),
    observer: { leader: (isLeader) => leadership.push(isLeader) },
  });
  return { tick, cycle, kicks, leadership, close: () => source.close() };
}

describe('poll tick', () => {
  it.runIf(redisUp)('one replica leads and polls; the other follows and adopts its snapshot', async () => {
    const namespace = uniqueNamespace('tick');
    const store = await openRedisStore(REDIS_URL, { namespace });
    const { log } = logLines();
    const a = replica(store, log);
    const b = replica(store, log);
    await a.tick.run();
    await b.tick.run();
    expect(a.leadership).toEqual([true]);
    expect(b.leadership).toEqual([false]);
    expect(a.kicks).toHaveLength(1);
    expect(b.kicks).toHaveLength(0);
    expect(b.cycle.current().snapshot?.components).toEqual(a.cycle.current().snapshot?.components);
    expect(page.requests.length).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
    await store.close();
    await dropNamespace(REDIS_URL, namespace);
  });

  it.runIf(ownRedis)('logs a store outage once when it starts and once when it ends', async () => {
    const redis = new OwnRedis(7391 + (process.pid % 500), await mkdtemp(join(tmpdir(), 'clerk-tick-')));
    await redis.start();
    try {
      const store = await openRedisStore(redis.url, { namespace: uniqueNamespace('tick-outage') });
      const { lines, log } = logLines();
      const a = replica(store, log);
      await a.tick.run();
      await redis.stop();
      for (let i = 0; i < 3; i++) await a.tick.run();
      expect(lines.filter((l) => l.msg.startsWith('store unavailable'))).toHaveLength(1);
      expect(a.leadership.slice(1)).toEqual([false, false, false]);
      await redis.start();
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // the client reconnects by itself
      await a.tick.run();
      await a.tick.run();
      expect(lines.filter((l) => l.msg === 'store answers again; resuming')).toHaveLength(1);
      expect(a.leadership.at(-1)).toBe(true);
      await a.close();
      await store.close();
    } finally {
      await redis.stop();
    }
  });
});
