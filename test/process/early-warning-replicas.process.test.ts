/**
 * Early warning with replicas and a broken network, end to end (the single-process cases are in
 * early-warning.process.test.ts): the real bot probing the fake Clerk instance at 1 s rounds (a warning after five
 * failed rounds, cleared after five healthy ones), the fake status page and the fake Slack. Each fault asserts
 * that it fired, and every check counts messages: exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { CHANNEL, type EarlyWarningRig, RigPerTest } from '../../devkit/harness/early-warning-rig.js';
import { until } from '../../devkit/wait.js';

const rigs = new RigPerTest();
afterEach(() => rigs.closeAll());
let rig: EarlyWarningRig | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const { detail } = rigs;

describe('early warning across replicas and networks', () => {
  it('probes from the leader only, a hanging Clerk never delays polling, and a replica taking over mid-warning repeats nothing and clears it once', async () => {
    rig = await rigs.start();
    const { clerk, slack } = rig;
    const second = spawnBot(rig.env);
    const replicas = [rig.bot, second];
    rigs.closers.push(() => second.kill());
    const leaderOf = async (bot: BotProcess) => {
      const status = await fetch(`http://127.0.0.1:${await bot.port()}/status`).then((r) => r.json());
      return (status as { leader: boolean }).leader;
    };
    await until(
      'one leader',
      async () => (await Promise.all(replicas.map(leaderOf))).filter(Boolean).length === 1,
      { timeoutMs: 20_000 },
    );
    const window = clerk.requests.length;
    await sleep(5_000); // a measuring window, not a wait: how many probes five seconds hold is the assertion
    const health = clerk.requests.slice(window).filter((r) => r.path === '/v1/health').length;
    expect(health).toBeGreaterThanOrEqual(3);
    expect(health).toBeLessThanOrEqual(7); // one replica probing once a second, not two

    clerk.mode.frontend = 'hang'; // a Clerk that never answers
    await until('one warning', () => rig?.warnings().length === 1, { timeoutMs: 20_000, detail });
    expect(rig.warnings()[0]?.text).toContain('Frontend API /v1/health: timeout for');
    // …and never holds up polling: the status page is read every second meanwhile.
    const polled = rig.status.requests.length;
    const pollsBegan = Date.now();
    await until('four polls while Clerk hangs', () => (rig?.status.requests.length ?? 0) - polled >= 4, {
      timeoutMs: 10_000,
    });
    expect(Date.now() - pollsBegan).toBeLessThan(4_500); // one a second, not one per hanging probe timeout
    const leader = (await leaderOf(rig.bot)) ? rig.bot : second;
    const follower = leader === rig.bot ? second : rig.bot;
    await leader.kill('SIGKILL');
    await until('the other replica leads', () => leaderOf(follower), { timeoutMs: 20_000 });
    const fired = clerk.faultsFired('frontend');
    await until('its probes', () => clerk.faultsFired('frontend') >= fired + 6, { timeoutMs: 20_000 });
    expect(rig.warnings()).toHaveLength(1);

    clerk.mode.frontend = 'ok';
    await until('cleared', () => rig?.warnings()[0]?.text.startsWith('Early warning cleared') === true, {
      timeoutMs: 20_000,
      detail,
    });
    await follower.settled();
    expect(slack.replies(CHANNEL, rig.warnings()[0]?.ts ?? '')).toHaveLength(1);
    expect(rig.warnings()).toHaveLength(1);
  }, 120_000);

  it('raises no warning when the status page and Slack’s API are unreachable too: the bot’s own network', async () => {
    rig = await rigs.start();
    const { clerk, slack, status } = rig;
    status.failAlways({ kind: 'reset' });
    slack.failAlways('api.test', { kind: 'reset' });
    clerk.mode.frontend = 'hang';
    clerk.mode.backend = 'hang';
    await until(
      'our own network reported',
      async () => (await rig?.get('/status'))?.includes('"ownNetworkFailingSince":"') === true,
      { timeoutMs: 20_000, detail },
    );
    await until('ten failed probes', () => clerk.faultsFired() >= 10, { timeoutMs: 20_000 });
    await rig.bot.settled();
    expect(clerk.faultsFired()).toBeGreaterThanOrEqual(10);
    expect(slack.callsOf('api.test').length).toBeGreaterThan(0);
    expect(rig.warnings()).toEqual([]);
    expect(rig.bot.logs.some((l) => String(l.msg).includes('own network is the problem'))).toBe(true);
  }, 90_000);
});
