/** `npm start` in console mode, as a real process against a replayed fixture, killed and restarted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { loadTimeline } from '../../devkit/timeline.js';

const timeline = loadTimeline('clerk-2026-03-20-degraded-performance');
let page: FakeStatusPage;
const bots: BotProcess[] = [];

beforeAll(async () => {
  page = await FakeStatusPage.start();
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.kill()));
  await page.close();
});

describe('console mode process', () => {
  it('prints each change exactly once through SIGKILL restarts, and serves health endpoints', async () => {
    const env = {
      CLERK_STATUS_URL: page.url,
      POLL_INTERVAL_SECONDS: '1',
      STORE_URL: `file:${await tempStatePath()}`,
    };
    const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
    const output: string[] = [];
    const polledAfter = (requests: number) => () => page.requests.length >= requests + 4;

    page.serveStep(timeline, 0, offset);
    let bot = spawnBot(env);
    bots.push(bot);
    const port = await bot.port();
    await bot.waitFor('seed', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
    expect(bot.stdout.join('\n')).toContain('console mode');
    // The first line after the banner says what the page shows now.
    await bot.waitFor('the line saying what the page shows', () =>
      bot.stdout.some((l) =>
        /clerk {6}All Clerk systems are operational\. \(\d+ components, no open incident\)/.test(l),
      ),
    );
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ live: true });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, mode: 'console' });
    const status = await (await fetch(`http://127.0.0.1:${port}/status`)).json();
    expect(status).toMatchObject({
      statusPage: { ok: true },
      store: { ok: true, kind: 'sqlite' },
      leader: true,
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain(
      'clerk_status_polls_total',
    );

    page.serveStep(timeline, 1, offset);
    await bot.waitFor('the incident', () => bot.stdout.some((l) => l.includes('opened')));
    await bot.waitFor('a few more polls', polledAfter(page.requests.length));
    await bot.kill('SIGKILL');
    output.push(...bot.stdout);

    // While the bot is dead the page moves on two steps; the restart catches up once.
    page.serveStep(timeline, 3, offset);
    bot = spawnBot(env);
    bots.push(bot);
    await bot.waitFor('catch-up', () => bot.stdout.some((l) => l.includes('Performance has stabilized')));
    // Kill only once the printed lines are recorded: stdout has no idempotency key, so a kill between printing
    // and recording reprints (console mode is at-least-once at that instant; Slack delivery looks messages up).
    await bot.waitFor('a few more polls', polledAfter(page.requests.length));
    await bot.kill('SIGKILL');
    output.push(...bot.stdout);

    page.serveStep(timeline, 4, offset);
    bot = spawnBot(env);
    bots.push(bot);
    await bot.waitFor('resolution', () => bot.stdout.some((l) => l.includes('Resolved after')));
    await bot.waitFor('a few more polls', polledAfter(page.requests.length));
    expect(await bot.kill('SIGTERM')).toBe(0);
    output.push(...bot.stdout);

    const changes = output.filter((l) => /^\d{4}-\d\d-\d\d /.test(l));
    expect(new Set(changes).size).toBe(changes.length);
    expect(changes.filter((l) => l.includes(' incident '))).toHaveLength(4); // opened, 2 updates, resolved
    // 9 degraded at opening; at the stabilized step: 6 recovered, Dashboard newly degraded (caught up in one diff).
    expect(changes.filter((l) => l.includes('Operational → Degraded performance'))).toHaveLength(10);
    expect(changes.filter((l) => l.includes('Degraded performance → Operational'))).toHaveLength(10);
  }, 60_000);

  it('refuses a bad configuration before doing anything, listing every problem', async () => {
    const bot = spawnBot({ POLL_INTERVAL_SECONDS: '0', STORE_URL: 'ftp://x', SLACK_BOT_TOKEN: 'xoxb-1' });
    bots.push(bot);
    const code = await new Promise<number | null>((resolve) => bot.child.once('exit', resolve));
    expect(code).toBe(1);
    const text = bot.logs.map((l) => l.raw).join('\n');
    expect(text).toContain('POLL_INTERVAL_SECONDS');
    expect(text).toContain('STORE_URL');
    expect(text).toContain('SLACK_SIGNING_SECRET');
  });
});
