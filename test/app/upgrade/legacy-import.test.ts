/**
 * Upgrading from the JSON-file version: its state file (test/fixtures/legacy-state, written by that version
 * mid-incident) is imported once into the database and renamed *.migrated. Nothing is announced again, both
 * subscriptions survive, and the next update lands in the thread the old version started.
 */
import { copyFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../../devkit/harness/bot-env.js';
import { ManualClock } from '../../../devkit/harness/bot-parts.js';
import { loadTimeline } from '../../../devkit/timeline.js';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../../src/compose/start.js';
import { loadConfig } from '../../../src/config.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/legacy-state');
interface Meta {
  timeline: string;
  servedStep: number;
  offsetMs: number;
  writtenAt: string;
  expiresWrittenAt: number;
  messages: { channel: string; ts: string; threadTs?: string; text: string; metadata?: never }[];
  transcripts: Record<string, string[]>;
}
const meta = JSON.parse(await readFile(join(FIXTURE, 'meta.json'), 'utf8')) as Meta;
const timeline = loadTimeline(meta.timeline);
const stepTime = (i: number) => Date.parse(timeline.steps[i]?.fetchedAt ?? '') + meta.offsetMs;

let page: FakeStatusPage;
let slack: FakeSlack;
beforeAll(async () => {
  page = await FakeStatusPage.start();
  slack = await FakeSlack.start();
  for (const id of ['C0ALL', 'C0SESS']) slack.addChannel({ id, name: id.toLowerCase() });
  for (const m of meta.messages) slack.seed({ ...m, ...(m.threadTs ? { threadTs: m.threadTs } : {}) });
});
afterAll(async () => {
  await page.close();
  await slack.close();
});

/** The old state file as if the old version had stopped a moment ago (its expiries are wall-clock). */
async function legacyFileIn(dir: string): Promise<string> {
  const path = join(dir, 'clerk-status.json');
  const file = JSON.parse(await readFile(join(FIXTURE, 'clerk-status.json'), 'utf8')) as {
    entries: Record<string, { expires?: number }>;
  };
  const shift = Date.now() - meta.expiresWrittenAt;
  for (const entry of Object.values(file.entries)) if (entry.expires !== undefined) entry.expires += shift;
  await writeFile(path, JSON.stringify(file));
  return path;
}

describe('upgrading from the JSON-file version', () => {
  let bot: RunningBot;
  let dir: string;
  const clock = new ManualClock(stepTime(meta.servedStep));
  const open = () =>
    start(
      loadConfig(fakeSlackEnv(slack, page, { STORE_URL: `file:${join(dir, 'clerk-status.db')}` })),
      createLogger('silent'),
      {
        clock,
        pacing: NO_PACING,
      },
    );

  it('imports the old state once, announces nothing again, and keeps every subscription', async () => {
    dir = await mkdtemp(join(tmpdir(), 'clerk-upgrade-'));
    const legacy = await legacyFileIn(dir);
    page.serveStep(timeline, meta.servedStep, meta.offsetMs);
    bot = await open();
    expect((await bot.subscriptions.listAll()).map((s) => s.channelId)).toEqual(['C0ALL', 'C0SESS']);
    await expect(stat(legacy)).rejects.toThrow();
    expect((await stat(`${legacy}.migrated`)).isFile()).toBe(true);
    await bot.pollNow();
    await bot.deliverNow();
    expect(slack.messages).toHaveLength(meta.messages.length);
    expect(await bot.pendingEvents()).toBe(0);
  });

  it('continues the incident in the thread the old version started', async () => {
    const parentTs = meta.messages.find((m) => m.channel === 'C0ALL' && !m.threadTs)?.ts;
    clock.time = stepTime(meta.servedStep + 1);
    page.serveStep(timeline, meta.servedStep + 1, meta.offsetMs);
    await bot.pollNow();
    while ((await bot.deliverNow()) > 0);
    const added = slack.messages.slice(meta.messages.length);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((m) => m.channel === 'C0ALL' && m.threadTs === parentTs)).toBe(true);
    expect(slack.parents('C0SESS')).toHaveLength(0);
  });

  it('does not import again on the next start, and repeats nothing', async () => {
    const before = slack.messages.length;
    await bot.stop();
    bot = await open();
    await bot.pollNow();
    await bot.deliverNow();
    expect(slack.messages).toHaveLength(before);
    expect((await bot.subscriptions.listAll()).map((s) => s.channelId)).toEqual(['C0ALL', 'C0SESS']);
    await bot.stop();
    await expect(copyFile(join(dir, 'clerk-status.json'), join(dir, 'again.json'))).rejects.toThrow();
  });
});
