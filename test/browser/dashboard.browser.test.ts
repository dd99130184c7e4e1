/// <reference lib="dom" />
/**
 * The dashboard in a real browser: Debian's headless Chromium driven by puppeteer-core (no browser download). The
 * real bot serves it over loopback with a hostile incident name on the fake status page and an own check with runs:
 * the page renders, its charts draw (a canvas with pixels), the hostile string stays text (no element, no script
 * run), the Content-Security-Policy is strict, and the browser reports no console error. Where Chromium is absent the
 * test says so and skips; in CI (.ci/run installs Chromium) its absence is a failure.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAppServer } from '../../devkit/fake-app-server.js';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv, NO_PACING } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { type RunningBot, start } from '../../src/compose/start.js';
import { loadConfig } from '../../src/config.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`Chromium is required in CI and is not at ${CHROMIUM}`);
if (!present)
  console.warn(
    `[browser test] SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> DNS & "quotes"';
const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');

describe.skipIf(!present)('the dashboard in Chromium', () => {
  let browser: Browser;
  let bot: RunningBot;
  let app: FakeAppServer;
  let page: FakeStatusPage;
  let slack: FakeSlack;
  let profile: string;

  beforeAll(async () => {
    app = await FakeAppServer.start();
    page = await FakeStatusPage.start();
    slack = await FakeSlack.start();
    const hostile = JSON.parse(JSON.stringify(handshake), (_key, value: unknown) =>
      typeof value === 'string' ? value.replaceAll('/handshake endpoint failures', HOSTILE) : value,
    );
    const offset = Date.now() - Date.parse(handshake.steps[0]?.fetchedAt ?? '');
    page.serveStep(hostile, 0, offset);
    const dir = await mkdtemp(join(tmpdir(), 'clerk-dash-'));
    await writeFile(
      join(dir, 'checks.yml'),
      `checks:\n  - name: auth-health\n    url: \${APP}/api/auth/health\n    every: 1h\n`,
    );
    const env = fakeSlackEnv(slack, page, {
      STORE_URL: `file:${await tempStatePath()}`,
      CHECKS_FILE: join(dir, 'checks.yml'),
      APP: app.url,
    });
    bot = await start(loadConfig(env), createLogger('silent'), { pacing: NO_PACING });
    await bot.pollNow();
    page.serveStep(hostile, 1, offset);
    await bot.pollNow();
    for (let i = 0; i < 4; i++) await bot.checkNow();
    profile = await mkdtemp(join(tmpdir(), 'clerk-chromium-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await Promise.all([app?.close(), page?.close(), slack?.close()]);
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('renders, draws its charts, keeps the hostile string as text, and logs no error', async () => {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(String(e)));
    const response = await tab.goto(`http://127.0.0.1:${bot.port}/`, { waitUntil: 'networkidle0' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await tab.waitForSelector('.chart canvas', { timeout: 10_000 });
    const seen = await tab.evaluate(() => {
      const canvas = document.querySelector('.chart canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
      return {
        painted,
        text: document.body.textContent ?? '',
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        injected: document.querySelectorAll('img[src="x"], main script').length,
        h1: document.querySelector('h1')?.textContent ?? '',
      };
    });
    expect(seen.painted).toBeGreaterThan(100);
    expect(seen.text).toContain(HOSTILE);
    expect(seen.pwned).toBeUndefined();
    expect(seen.injected).toBe(0);
    expect(seen.h1).not.toMatch(/operational/i);
    expect(seen.text).toContain('What people feel');
    expect(seen.text).toContain('auth-health');
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('serves a JSON twin of every chart, with no secret in it', async () => {
    const data = (await (await fetch(`http://127.0.0.1:${bot.port}/dashboard.json`)).json()) as {
      checks: { name: string; latency: { data: number[][] } }[];
    };
    expect(data.checks[0]?.name).toBe('auth-health');
    expect(data.checks[0]?.latency.data[0]?.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(data)).not.toContain('xoxb-');
  });
});
