/**
 * The workspace pacer: it starts at Slack's posting budget, halves its rate on a 429 (and waits out Retry-After),
 * grows back by small steps with every accepted post, never past the budget and never under its floor, and spaces
 * one channel's posts a full interval apart. A clock moved by hand; sleeping moves it.
 */
import { describe, expect, it } from 'vitest';
import { ChannelWaits, type PacingOptions, WorkspacePacer } from '../../src/adapters/slack/pacer.js';

const options: PacingOptions = {
  perChannelMs: 1_000,
  postsPerSecond: 5,
  postBurst: 2,
  updatesPerSecond: 1,
  updateBurst: 1,
};

function pacer(overrides: Partial<PacingOptions> = {}) {
  let now = 0;
  const p = new WorkspacePacer(
    { ...options, ...overrides },
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  return { p, now: () => now };
}

/** Acquires a post in each of `n` distinct channels; returns how long it took on the clock. */
async function posts(t: ReturnType<typeof pacer>, n: number, from = 0): Promise<number> {
  const start = t.now();
  for (let i = 0; i < n; i++) {
    await t.p.acquire('post', `C${from + i}`);
    t.p.posted(`C${from + i}`);
  }
  return t.now() - start;
}

describe('workspace pacer', () => {
  it('starts at the budget: after the burst, posts go out at 5 a second', async () => {
    const t = pacer();
    expect(t.p.postsPerSecond).toBe(5);
    expect(await posts(t, 12)).toBe(2_000); // 2 from the burst, then 10 at 200 ms each
  });

  it('halves the rate on a 429, waits out Retry-After, and starts refilling from empty', async () => {
    const t = pacer();
    t.p.pause('post', 3_000);
    expect(t.p.postsPerSecond).toBe(2.5);
    await t.p.acquire('post', 'C1');
    expect(t.now()).toBe(3_000); // nothing goes out before Retry-After has passed
  });

  it('grows back towards the budget with accepted posts and never past it', async () => {
    const t = pacer();
    t.p.pause('post', 0);
    t.p.pause('post', 0);
    expect(t.p.postsPerSecond).toBe(1.25);
    await posts(t, 10);
    expect(t.p.postsPerSecond).toBeCloseTo(2.5);
    await posts(t, 100, 10);
    expect(t.p.postsPerSecond).toBe(5);
  });

  it('never falls under its floor however many 429s come', () => {
    const t = pacer({ minPostsPerSecond: 1 });
    for (let i = 0; i < 10; i++) t.p.pause('post', 0);
    expect(t.p.postsPerSecond).toBe(1);
  });

  it('a 429 on chat.update leaves the posting rate alone', () => {
    const t = pacer();
    t.p.pause('update', 5_000);
    expect(t.p.postsPerSecond).toBe(5);
  });

  it('a Retry-After longer than a minute holds only its channel, which gives its place up instead of sleeping', async () => {
    const t = pacer({ postBurst: 100 });
    t.p.pause('post', 3_600_000, 'C1');
    await expect(t.p.acquire('post', 'C1')).rejects.toBeInstanceOf(ChannelWaits);
    await t.p.acquire('post', 'C2');
    expect(t.now()).toBe(0); // the others go on at once
  });

  it('a Retry-After within a minute pauses the workspace’s posts', async () => {
    const t = pacer({ postBurst: 100 });
    t.p.pause('post', 3_000, 'C1');
    await t.p.acquire('post', 'C2');
    expect(t.now()).toBe(3_000);
  });

  it('spaces one channel’s posts a full interval from when the last one finished', async () => {
    const t = pacer({ postBurst: 100 });
    await t.p.acquire('post', 'C1');
    t.p.posted('C1');
    await t.p.acquire('post', 'C1');
    expect(t.now()).toBe(1_000);
  });
});
