/**
 * The whole bot on a real full disk (a 2 MB tmpfs; CI runs as root): an incident that opens while nothing can
 * be written is not lost and not announced early; the outage is logged once each way and shown by /status;
 * once space returns, every change is delivered exactly once.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../devkit/harness/bot-env.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';
import { defaultSubscription } from '../../src/core/subscriptions/subscription.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI === 'true')
  throw new Error('the full-disk test mounts a tmpfs and needs root, as CI runs');
if (!isRoot)
  console.warn('NOTICE: skipping the bot full-disk test: it mounts a small tmpfs, which needs root');

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const mounts: string[] = [];
afterAll(async () => {
  for (const mount of mounts) await run('umount', [mount]).catch(() => undefined);
});

/** Fills the filesystem until it refuses more. */
async function fill(path: string): Promise<void> {
  await writeFile(path, Buffer.alloc(4 * 1024 * 1024)).catch(() => undefined);
}

describe.runIf(isRoot)('a full disk', () => {
  it('loses nothing, logs once each way, and delivers every change once after recovery', async () => {
    const mount = await mkdtemp(join(tmpdir(), 'clerk-full-bot-'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
    mounts.push(mount);
    const page = await FakeStatusPage.start();
    const slack = await FakeSlack.start();
    slack.addChannel({ id: 'C0OPS', name: 'ops' });
    const lines: { msg: string }[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        for (const l of String(chunk).trim().split('\n')) lines.push(JSON.parse(l));
        done();
      },
    });
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    page.serveStep(timeline, 0, offset);
    const config = loadConfig(
      fakeSlackEnv(slack, page, { STORE_URL: `file:${join(mount, 'state.db')}`, POLL_INTERVAL_SECONDS: '1' }),
    );
    const bot = await start(config, createLogger('info', sink), { pacing: NO_PACING, deliveryRetryMs: 50 });
    await bot.subscriptions.put(defaultSubscription('T0TEAM', 'C0OPS', 'U0ALICE', new Date().toISOString()));
    await bot.pollNow(); // seeds

    const filler = join(mount, 'filler');
    await fill(filler);
    page.serveStep(timeline, 1, offset); // the incident opens while the disk is full
    for (let i = 0; i < 4; i++) await bot.pollNow();
    await bot.deliverNow().catch(() => undefined);
    expect(slack.messages).toHaveLength(0);
    expect(lines.filter((l) => l.msg.startsWith('store unavailable'))).toHaveLength(1);
    const status = (await (await fetch(`http://127.0.0.1:${bot.port}/status`)).json()) as {
      store: { ok: boolean; error?: string };
    };
    expect(status.store.ok).toBe(false);
    expect(status.store.error).toMatch(/STORE_UNAVAILABLE/);

    await rm(filler);
    for (let i = 0; i < 3; i++) {
      await bot.pollNow();
      while ((await bot.deliverNow()) > 0);
    }
    expect(lines.filter((l) => l.msg === 'store answers again; resuming')).toHaveLength(1);
    expect(slack.transcript('C0OPS')).toEqual([
      'Clerk incident: /handshake endpoint failures — Identified (Session management: Degraded performance)',
    ]);
    const ids = slack.deliveryIds();
    expect(new Set(ids).size).toBe(ids.length);
    const after = (await (await fetch(`http://127.0.0.1:${bot.port}/status`)).json()) as {
      store: { ok: boolean };
    };
    expect(after.store.ok).toBe(true);
    await bot.stop();
    await page.close();
    await slack.close();
  }, 30_000);
});
