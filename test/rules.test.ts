/**
 * Rules that each hand-made bug (issue #20, item 11) slipped past a full suite: one fast test per rule, named by the
 * mutation it catches. Each runs in milliseconds, against the real module (no mocks), on a real SQLite store where a
 * store is needed.
 */
import { describe, expect, it } from 'vitest';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { scrubSecrets } from '../src/adapters/log/logger.js';
import { openSqliteStore } from '../src/adapters/store/sqlite-store.js';
import { LeaderLease } from '../src/app/lease.js';
import { Outbox } from '../src/app/outbox.js';
import { loadConfig } from '../src/config.js';
import type { BotEvent } from '../src/core/events/bot-event.js';
import { isEscalation } from '../src/core/plan/mentions.js';
import { renderIncidentParent } from '../src/core/render/incident-parent.js';
import { wants } from '../src/core/subscriptions/filters.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';

const at = '2026-05-01T10:00:00.000Z';

describe('the rules a hand-made bug once slipped past', () => {
  it('a rise to partial outage is broadcast (mentions: `>=` made `>`)', () => {
    expect(isEscalation('partial', { severity: 'degraded' })).toBe(true);
    expect(isEscalation('major', { severity: 'partial' })).toBe(true);
    expect(isEscalation('degraded', { severity: 'operational' })).toBe(false);
    expect(isEscalation('partial', { severity: 'partial' })).toBe(false);
  });

  it('a vendor component name is escaped in a resolved parent’s "was affected" list', () => {
    const message = renderIncidentParent({
      incident: {
        id: 'i',
        name: 'Outage',
        status: 'resolved',
        impact: 'major',
        url: 'https://status.clerk.com/i',
        createdAt: at,
      },
      status: 'resolved',
      severity: 'major',
      affected: [{ id: 'c', name: '<!channel> *bold* <https://evil.example|click>', status: 'operational' }],
      durationMs: 60_000,
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('Was affected');
    expect(shown).not.toMatch(/<!channel>|<https:\/\/evil/);
  });

  it('a component-filtered channel still gets maintenance that names no component', () => {
    const sub = {
      ...defaultSubscription('T', 'C', 'U', at),
      componentIds: ['c1'],
      componentNames: ['Sign in'],
    };
    const maintenance: BotEvent = {
      kind: 'maintenance.scheduled',
      id: 'm',
      at,
      maintenance: { id: 'm1', name: 'Upgrade', status: 'scheduled', url: 'u', componentIds: [] },
    };
    expect(wants(sub, maintenance)).toBe(true);
    expect(wants({ ...sub, maintenance: false }, maintenance)).toBe(false);
  });

  it('the outbox remembers the newest 2,000 completed ids, not the oldest', async () => {
    const store = await openSqliteStore(await tempStatePath());
    const outbox = new Outbox(store);
    const event = (id: string): BotEvent => ({ kind: 'source.recovered', id, at, since: at, downForMs: 0 });
    const ids = Array.from({ length: 2_100 }, (_, i) => `e${i}`);
    await outbox.append(ids.map(event));
    await outbox.complete(ids);
    expect(await outbox.append([event('e2099')])).toEqual([]); // the newest is still known: never queued again
    expect((await outbox.append([event('e0')])).map((e) => e.id)).toEqual(['e0']); // the oldest aged out
    await store.close();
  });

  it('a leader whose lease was taken is no longer the leader', async () => {
    const store = await openSqliteStore(await tempStatePath());
    const a = new LeaderLease(store, 60_000, 'A');
    const b = new LeaderLease(store, 60_000, 'B');
    expect(await a.acquireOrRenew()).toBe(true);
    await store.set('leader:poller', { token: 'B' }, 60_000); // B took it (A was paused past its lease)
    expect(await b.acquireOrRenew()).toBe(true);
    expect(await a.acquireOrRenew()).toBe(false);
    expect(a.isLeader).toBe(false);
    await store.close();
  });

  it('the config takes rediss:// (TLS) as well as redis://', () => {
    const env = { STORE_URL: 'rediss://user:secret@redis.example:6380/2' };
    expect(loadConfig(env).store).toMatchObject({ kind: 'redis', url: env.STORE_URL });
  });

  it.each(['xoxb', 'xoxp', 'xoxe', 'xoxa', 'xoxr', 'xoxs', 'xapp'])(
    'a %s- token is scrubbed from free text',
    (prefix) => {
      const text = `calling Slack with ${prefix}-1234567890-abcdefABCDEF failed`;
      expect(scrubSecrets(text)).not.toContain(`${prefix}-1234567890`);
    },
  );
});
