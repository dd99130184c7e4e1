/**
 * PagerDuty exactly once with real processes: the built bot is SIGKILLed around its trigger of the DNS outage and
 * started again on the same SQLite file. Killed after the trigger was sent and recorded: the restart sends no second
 * trigger. Killed while PagerDuty still held the answer (the trigger may or may not have landed; PagerDuty cannot be
 * asked): the restart sends it again with the same dedup key, PagerDuty folds it into the one alert, and the repeat
 * is counted. Either way one alert, resolved once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FakePagerDuty } from '../../devkit/fake-pagerduty.js';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { tempStatePath } from '../../devkit/harness/bot-parts.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const dns = loadTimeline('clerk-2026-02-10-dns-outage');
const processes: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
});

interface Run {
  pd: FakePagerDuty;
  metricsAfterRestart: string;
}

async function run(when: 'after-record' | 'answer-held'): Promise<Run> {
  const page = await FakeStatusPage.start();
  const slack = await FakeSlack.start();
  const pd = await FakePagerDuty.start();
  const env = fakeSlackEnv(slack, page, {
    POLL_INTERVAL_SECONDS: '1',
    STORE_URL: `file:${await tempStatePath()}`,
    PAGERDUTY_ROUTING_KEY: pd.routingKey,
    PAGERDUTY_EVENTS_URL: pd.url,
    LOG_LEVEL: 'info',
  });
  const offset = Date.now() - Date.parse(dns.steps[0]?.fetchedAt ?? '');
  page.serveStep(dns, 0, offset);
  let release = () => {};
  if (when === 'answer-held') pd.failNext({ hold: new Promise<void>((resolve) => (release = resolve)) });
  let bot = spawnBot(env);
  processes.push(bot);
  let port = await bot.port();
  await bot.waitFor('the first poll', () => bot.logs.some((l) => String(l.msg).startsWith('seeded')));
  let killed = false;
  const killAndRestart = async () => {
    killed = true;
    expect(await bot.kill('SIGKILL')).toBe(null); // killed by the signal, not exited
    release(); // PagerDuty answers a socket nobody reads any more
    bot = spawnBot(env);
    processes.push(bot);
    port = await bot.port();
  };
  const delivered = async () => {
    const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as {
      destinations?: { name: string; delivered: number }[];
    };
    return (status.destinations?.find((d) => d.name === 'pagerduty')?.delivered ?? 0) > 0;
  };
  const polledSince = async (at: number) => {
    const res = await fetch(`http://127.0.0.1:${port}/status`).catch(() => undefined);
    const body = (await res?.json().catch(() => undefined)) as
      | { statusPage?: { lastSuccessAt?: string } }
      | undefined;
    return Date.parse(body?.statusPage?.lastSuccessAt ?? '') > at;
  };
  for (let step = 1; step < dns.steps.length; step++) {
    page.serveStep(dns, step, offset);
    const servedAt = Date.now();
    await until(
      `step ${step} polled`,
      async () => {
        const triggered = pd.received.some((e) => e.event_action === 'trigger');
        if (!killed && triggered && (when === 'answer-held' || (await delivered()))) await killAndRestart();
        return polledSince(servedAt);
      },
      { timeoutMs: 60_000, detail: () => JSON.stringify(pd.received.map((e) => e.event_action)) },
    );
  }
  await until('resolved in PagerDuty', () => pd.events('resolve').length > 0, {
    timeoutMs: 90_000,
    detail: () =>
      `${JSON.stringify(pd.received.map((e) => e.event_action))} ${JSON.stringify(pd.answered)}\n${bot.logs
        .filter((l) => Number(l.level) >= 40)
        .map((l) => JSON.stringify(l))
        .join('\n')}`,
  });
  expect(killed).toBe(true);
  const metricsAfterRestart = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  await Promise.all([page.close(), slack.close()]);
  return { pd, metricsAfterRestart };
}

describe('PagerDuty through SIGKILL', () => {
  it('killed after the trigger was recorded: the restart sends no second trigger', async () => {
    const { pd } = await run('after-record');
    const [alert] = pd.alerts;
    expect(pd.alerts).toHaveLength(1);
    expect(pd.events('trigger', alert?.dedupKey)).toHaveLength(1);
    expect(pd.events('resolve', alert?.dedupKey)).toHaveLength(1);
    expect(alert).toMatchObject({ status: 'resolved', triggers: 1 });
    await pd.close();
  }, 180_000);

  it('killed while PagerDuty held the answer: sent again with the same key, one alert, the repeat counted', async () => {
    const { pd, metricsAfterRestart } = await run('answer-held');
    const triggers = pd.events('trigger');
    expect(triggers).toHaveLength(2);
    expect(triggers[1]?.dedup_key).toBe(triggers[0]?.dedup_key);
    expect(pd.alerts).toEqual([expect.objectContaining({ status: 'resolved', triggers: 2 })]);
    expect(metricsAfterRestart).toMatch(
      /clerk_status_destination_deliveries_total\{destination="pagerduty",outcome="resent"\} 1/,
    );
    await pd.close();
  }, 180_000);
});
