/**
 * Slash commands: signed `/clerk-status` requests at a fixed concurrency for 10 s against the real bot process
 * (HTTP mode), answered in the ack from memory. Requests per second, p50/p99 latency, errors.
 */
import { Agent, request } from 'undici';
import { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../devkit/harness/bot-env.js';
import { tempStatePath } from '../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../devkit/harness/bot-process.js';
import { SIGNING_SECRET, sign, slashCommandBody } from '../devkit/slack-requests.js';
import { loadTimeline } from '../devkit/timeline.js';
import type { BenchRow } from './run.js';
import { percentile } from './stats.js';

export async function slashCommands(concurrency = 16, seconds = 10): Promise<BenchRow> {
  const timeline = loadTimeline('clerk-2026-02-10-dns-outage');
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  page.serveStep(timeline, 3, Date.now() - Date.parse(timeline.steps[3]?.fetchedAt ?? ''));
  const bot: BotProcess = spawnBot(
    fakeSlackEnv(slack, page, { SLACK_BOT_TOKEN: 'xoxb-bench', STORE_URL: `file:${await tempStatePath()}` }),
  );
  const port = await bot.port();
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // first poll
  const url = `http://127.0.0.1:${port}/slack/events`;
  const dispatcher = new Agent({ connections: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const body = slashCommandBody({ text: 'status', responseUrl: slack.responseUrl() });
        const ts = Math.floor(Date.now() / 1000);
        const started = performance.now();
        try {
          const response = await request(url, {
            method: 'POST',
            dispatcher,
            body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-slack-request-timestamp': String(ts),
              'x-slack-signature': sign(body, SIGNING_SECRET, ts),
            },
          });
          const text = await response.body.text();
          if (response.statusCode !== 200 || !text.includes('DNS Outage')) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  await dispatcher.close();
  await bot.kill('SIGTERM');
  await slack.close();
  await page.close();
  return {
    name: `slash commands: signed /clerk-status at concurrency ${concurrency} for ${seconds} s (separate process)`,
    result: `${Math.round(latencies.length / seconds)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${errors} errors`,
    ok: errors === 0,
  };
}
