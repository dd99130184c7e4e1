/**
 * The SQLite write-ahead log deleted while the bot runs (by hand, or a clean-up script that takes `-wal` files for
 * litter). The open connection would go on writing to the unlinked file, which vanishes with the process: a crash
 * then loses every write since the last checkpoint. The bot notices within seconds, saves the log into the database
 * file, reopens it with a new log and says so; after a SIGKILL and a restart everything it had written is there and
 * nothing is posted twice.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { ownSqlite, storeUrlOf, subscribeChannels } from '../../devkit/harness/test-stores.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const timeline = loadTimeline('clerk-2026-04-22-platform-api-partial-outage');
const CHANNELS = ['C001', 'C002', 'C003', 'C004', 'C005'];
const processes: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
});

/** Delivery records the database file itself holds as sent (read by another connection, as a restart would). */
function sentRecords(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM kv WHERE key LIKE 'delivery:%' AND value LIKE '%\"sent\"%'",
      )
      .get();
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

describe('the SQLite write-ahead log removed while running', () => {
  it('is saved into the database and replaced: a crash after it loses nothing, doubles nothing', async () => {
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    for (const id of CHANNELS) slack.addChannel({ id, name: id.toLowerCase() });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const store = await ownSqlite('clerk-wal');
    await subscribeChannels(store, CHANNELS);
    const env = fakeSlackEnv(slack, page, { POLL_INTERVAL_SECONDS: '1', STORE_URL: storeUrlOf(store) });
    const everyChannelHas = (replies: number) => () => slack.everyThreadHas(CHANNELS, replies);

    const first = spawnBot(env);
    processes.push(first);
    // Its first poll sees the quiet page (a first poll that saw the incident would take it as already known).
    await until('the first poll', async () => {
      const status = await fetch(`http://127.0.0.1:${await first.port()}/status`);
      return (
        ((await status.json()) as { statusPage: { lastSuccessAt: string | null } }).statusPage
          .lastSuccessAt !== null
      );
    });
    page.serveStep(timeline, 1, offset);
    await until('every parent', everyChannelHas(0), { timeoutMs: 30_000 });
    await first.settled();
    rmSync(`${store.path}-wal`);
    page.serveStep(timeline, 2, offset);
    await until('the first update everywhere', everyChannelHas(1), { timeoutMs: 30_000 });
    await first.settled();
    // The fault fired and was said: in the log and in /status.
    await first.waitFor('the removed log noticed', () =>
      first.logs.some((l) => String(l.msg).includes('write-ahead log') && l.level === 50),
    );
    const status = (await (await fetch(`http://127.0.0.1:${await first.port()}/status`)).json()) as {
      store: { warnings: string[] };
    };
    expect(status.store.warnings.join(' ')).toContain('write-ahead log');
    await first.kill('SIGKILL');
    // What the killed process wrote after the log was removed is in the file: a record of every post and edit.
    const edits = slack.messages.reduce((n, m) => n + m.edits.length, 0);
    expect(edits).toBeGreaterThan(0);
    expect(sentRecords(store.path)).toBe(slack.messages.length + edits);

    const second = spawnBot(env);
    processes.push(second);
    await second.port();
    page.serveStep(timeline, 3, offset);
    await until('the second update everywhere', everyChannelHas(2), { timeoutMs: 30_000 });
    await second.settled();
    const ids = slack.deliveryIds();
    expect(ids.length - new Set(ids).size).toBe(0);
    for (const c of CHANNELS) {
      expect(slack.parents(c)).toHaveLength(1);
      expect(slack.replies(c, slack.parents(c)[0]?.ts ?? '')).toHaveLength(2);
    }
    await second.kill('SIGTERM');
    await slack.close();
    await page.close();
  }, 90_000);
});
