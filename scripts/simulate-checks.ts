/**
 * `npm run simulate -- --checks`: the answer to "is it Clerk or is it us?" in two acts. A fake app of your own with
 * a health route (`/api/auth/health`, as the README's Next.js and Express routes answer) is checked every second.
 * First it fails while Clerk's page is quiet: the alert says likely your side. It recovers. Then Clerk's recorded
 * incident is replayed, and the same failure is answered likely Clerk.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeAppServer } from '../devkit/fake-app-server.js';
import type { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import type { FakeStatusPage } from '../devkit/fake-status-page.js';
import type { Timeline } from '../devkit/timeline.js';

export const HEALTH = '/api/auth/health';

/** A fake app and a checks file for it: the env the bot needs to check it. */
export async function ownApp(stateDir: string): Promise<{ app: FakeAppServer; env: Record<string, string> }> {
  const app = await FakeAppServer.start();
  const file = join(await mkdtemp(join(stateDir, 'checks-')), 'checks.yml');
  await writeFile(
    file,
    `checks:\n  - name: auth-health\n    url: \${APP}${HEALTH}\n    every: 1s\n    expect: { body: '"ok":true' }\n    failures: 2\n`,
  );
  return { app, env: { CHECKS_FILE: file, APP: app.url } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(100);
}

export async function checksScenario(
  parts: { app: FakeAppServer; slack: FakeSlack; page: FakeStatusPage; timeline: Timeline; stepMs: number },
  say: (line: string) => void,
): Promise<void> {
  const { app, slack, page, timeline } = parts;
  // Counted in one of the demo channels (both get them).
  const mine = () => slack.messages.filter((m) => m.channel === 'C0DEMO');
  const alerts = () => mine().filter((m) => !m.threadTs && m.text.includes('Own check auth-health'));
  const replies = (text: string) => mine().filter((m) => m.threadTs && m.text.includes(text)).length;
  const verdicts: string[] = [];
  const failUntilAlerted = async (count: number) => {
    app.modes.set(HEALTH, 'fail');
    await until(() => alerts().length >= count);
    verdicts.push(alerts()[count - 1]?.text.includes('likely Clerk') ? 'likely Clerk' : 'likely your side');
    app.modes.set(HEALTH, 'pass');
    await until(() => replies('passes again') >= count);
  };
  say("── act 1: your app's health route starts failing; Clerk's page is quiet");
  page.serveStepNow(timeline, 0);
  await failUntilAlerted(1);
  say(`── act 2: the same failure while Clerk's incident is replayed (${timeline.description})`);
  for (let i = 1; i < timeline.steps.length; i++) {
    page.serveStepNow(timeline, i);
    await sleep(i === 1 ? 2_000 : parts.stepMs);
    if (i === 1) await failUntilAlerted(2);
  }
  say(`── verdicts: ${verdicts.join(', then ')}`);
}
