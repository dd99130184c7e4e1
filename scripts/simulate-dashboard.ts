/**
 * `npm run simulate -- --dashboard`: the real bot mid-way through the recorded DNS outage, with an own check that
 * runs a few times, and its dashboard photographed by Debian's headless Chromium into docs/dashboard.png (the
 * README's picture). Needs /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { FakeAppServer } from '../devkit/fake-app-server.js';
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { loadTimeline } from '../devkit/timeline.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { start } from '../src/compose/start.js';
import { loadConfig } from '../src/config.js';

export async function dashboardScreenshot(out = 'docs/dashboard.png'): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium))
    throw new Error(`No Chromium at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH`);
  const dns = loadTimeline('clerk-2026-02-10-dns-outage');
  const [app, page, slack] = await Promise.all([
    FakeAppServer.start(),
    FakeStatusPage.start(),
    FakeSlack.start(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'clerk-dash-'));
  await writeFile(
    join(dir, 'checks.yml'),
    // `${APP}` is the checks file's own variable, expanded by the bot from the environment.
    ['checks:', '  - name: auth-health', `    url: ${'$'}{APP}/api/auth/health`, '    every: 1h', ''].join(
      '\n',
    ),
  );
  const offset = Date.now() - Date.parse(dns.steps[0]?.fetchedAt ?? '');
  page.serveStep(dns, 0, offset);
  const env = fakeSlackEnv(slack, page, {
    STORE_URL: `file:${await tempStatePath()}`,
    CHECKS_FILE: join(dir, 'checks.yml'),
    APP: app.url,
  });
  const bot = await start(loadConfig(env), createLogger('silent'));
  for (const step of [0, 1, 2, 3]) {
    page.serveStep(dns, step, offset);
    await bot.pollNow();
  }
  for (let i = 0; i < 6; i++) {
    if (i === 3) app.modes.set('/api/auth/health', 'fail');
    await bot.checkNow();
  }
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      `--user-data-dir=${dir}/profile`,
    ],
  });
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1000, height: 1400 });
    await tab.goto(`http://127.0.0.1:${bot.port}/`, { waitUntil: 'networkidle0' });
    await tab.waitForSelector('.chart canvas', { timeout: 10_000 });
    await mkdir('docs', { recursive: true });
    await tab.screenshot({ path: out as `${string}.png`, fullPage: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await bot.stop();
    await Promise.all([app.close(), page.close(), slack.close()]);
    await rm(dir, { recursive: true, force: true });
  }
}
