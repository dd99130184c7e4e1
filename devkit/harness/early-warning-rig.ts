/**
 * The real bot (a child process) with everything early warning needs on loopback: the fake Slack with one
 * subscribed channel, a calm fake status page, and the fake Clerk instance the probes target. Used by the process
 * tests and the early-warning benchmark.
 */
import { FakeClerk } from '../fake-clerk.js';
import { FakeSlack } from '../fake-slack/fake-slack.js';
import type { FakeMessage } from '../fake-slack/types.js';
import { FakeStatusPage } from '../fake-status-page.js';
import { postSigned, slashCommandBody } from '../slack-requests.js';
import { until } from '../wait.js';
import { fakeSlackEnv } from './bot-env.js';
import { tempStatePath } from './bot-parts.js';
import { type BotProcess, spawnBot } from './bot-process.js';

export const CHANNEL = 'C0OPS';
/** A development instance's key; the probes go to CLERK_FRONTEND_API_URL (the fake) instead of its host. */
export const PUBLISHABLE_KEY = `pk_test_${btoa('calm-lion-12.clerk.accounts.dev$')}`;

const page = { id: 'P', name: 'Clerk', url: 'https://status.clerk.com' };
export const CALM_PAGE = {
  summary: { page, components: [{ id: 'C1', name: 'Sign in', status: 'operational' }], incidents: [] },
  incidents: { page, incidents: [] },
};

export interface EarlyWarningRig {
  slack: FakeSlack;
  status: FakeStatusPage;
  clerk: FakeClerk;
  bot: BotProcess;
  env: Record<string, string>;
  /** Stops the bot (SIGKILL unless told) and starts it again on the same store. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** The channel's top-level messages whose text starts so. */
  parents(prefix: string): FakeMessage[];
  /** The channel's early-warning messages (by the delivery id they carry), whatever they say now. */
  warnings(): FakeMessage[];
  /** GET a path of the bot's HTTP port. */
  get(path: string): Promise<string>;
  close(): Promise<void>;
}

export async function startEarlyWarningRig(
  options: { probeIntervalSeconds?: number; pollIntervalSeconds?: number; env?: Record<string, string> } = {},
): Promise<EarlyWarningRig> {
  const [slack, status, clerk] = await Promise.all([
    FakeSlack.start(),
    FakeStatusPage.start(),
    FakeClerk.start(),
  ]);
  slack.addChannel({ id: CHANNEL, name: 'ops', members: ['U0ALICE'] });
  slack.addUser({ id: 'U0ALICE' });
  status.serve(CALM_PAGE.summary, CALM_PAGE.incidents);
  const env = fakeSlackEnv(slack, status, {
    STORE_URL: `file:${await tempStatePath()}`,
    POLL_INTERVAL_SECONDS: String(options.pollIntervalSeconds ?? 1),
    PROBE_INTERVAL_SECONDS: String(options.probeIntervalSeconds ?? 1),
    CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    CLERK_FRONTEND_API_URL: clerk.url,
    CLERK_SECRET_KEY: clerk.secretKey,
    CLERK_API_URL: clerk.url,
    ...options.env,
  });
  const rig: EarlyWarningRig = {
    slack,
    status,
    clerk,
    bot: spawnBot(env),
    env,
    async restart(signal = 'SIGKILL') {
      await rig.bot.kill(signal);
      rig.bot = spawnBot(env);
      await rig.bot.port();
    },
    parents: (prefix) => slack.parents(CHANNEL).filter((m) => m.text.startsWith(prefix)),
    warnings: () =>
      slack
        .parents(CHANNEL)
        .filter((m) => String(m.metadata?.event_payload.delivery_id ?? '').includes(':early-warning')),
    async get(path) {
      const response = await fetch(`http://127.0.0.1:${await rig.bot.port()}${path}`);
      return response.text();
    },
    async close() {
      await rig.bot.kill();
      await Promise.all([slack.close(), status.close(), clerk.close()]);
    },
  };
  const port = await rig.bot.port();
  await rig.bot.waitFor(
    'the first poll',
    () => rig.bot.logs.some((l) => String(l.msg).startsWith('seeded')),
    20_000,
  );
  await postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    slashCommandBody({ text: 'subscribe', channel: CHANNEL, responseUrl: slack.responseUrl('sub') }),
    'application/x-www-form-urlencoded',
  );
  await until('subscribed', () => slack.responses.length > 0);
  return rig;
}

/** One rig per test, and whatever else the test started (a second replica), closed together after it. */
export class RigPerTest {
  rig: EarlyWarningRig | undefined;
  readonly closers: (() => Promise<unknown>)[] = [];

  async start(): Promise<EarlyWarningRig> {
    this.rig = await startEarlyWarningRig();
    return this.rig;
  }

  /** The channel's transcript, for a wait's failure message. */
  readonly detail = () => (this.rig ? `channel:\n${this.rig.slack.transcript(CHANNEL).join('\n')}` : '');

  async closeAll(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
    await this.rig?.close();
    this.rig = undefined;
  }
}
