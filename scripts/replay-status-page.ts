/**
 * Serves a recorded Clerk timeline as a live status page on loopback, one step every few seconds, each step's
 * timestamps moved so that it happens now (nothing in the future). It waits for the bot's first request before
 * stepping, so the bot sees every step whenever it starts. Point the bot at it (its own state file):
 *   npm run replay -- clerk-2026-04-26-handshake-endpoint --port 4010 --step-seconds 5 &
 *   CLERK_STATUS_URL=http://127.0.0.1:4010 POLL_INTERVAL_SECONDS=1 STORE_URL=file:/tmp/clerk-demo.db npm start
 */
import { parseArgs } from 'node:util';
import { FakeStatusPage } from '../devkit/fake-status-page.js';
import { loadTimeline, timelineNames } from '../devkit/timeline.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '4010' },
    'step-seconds': { type: 'string', default: '5' },
  },
});
const name = positionals[0] ?? 'clerk-2026-04-26-handshake-endpoint';
if (!timelineNames().includes(name)) {
  console.error(`Unknown fixture "${name}". Choose one of:\n  ${timelineNames().join('\n  ')}`);
  process.exit(2);
}
const timeline = loadTimeline(name);
const stepMs = Number(values['step-seconds']) * 1000;
const page = await FakeStatusPage.start(Number(values.port));
page.serveStepNow(timeline, 0);
console.log(
  `Replaying ${name} at ${page.url} (${timeline.steps.length} steps, one every ${stepMs / 1000} s)`,
);
console.log('Waiting for the bot to ask for the page…');
await page.firstRequest();
for (let i = 0; i < timeline.steps.length; i++) {
  page.serveStepNow(timeline, i);
  console.log(`step ${i + 1}/${timeline.steps.length}: ${timeline.steps[i]?.label}`);
  await new Promise((resolve) => setTimeout(resolve, stepMs));
}
console.log('Timeline finished; still serving the last step. Ctrl-C to stop.');
