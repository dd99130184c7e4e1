/**
 * Three replicas on one store (a SQLite file shared on one host, or one Redis): one leads (polls and
 * delivers), the others answer commands from the shared snapshot. Killing the leader mid-timeline hands the
 * lease to another within a few seconds; every message still arrives once.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { fakeSlackEnv } from '../../devkit/harness/bot-env.js';
import { type BotProcess, spawnBot } from '../../devkit/harness/bot-process.js';
import { OwnRedis, redisServerInstalled } from '../../devkit/redis.js';
import { postSigned, slashCommandBody } from '../../devkit/slack-requests.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { until } from '../../devkit/wait.js';

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const processes: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
});

let lastLeaders: Record<number, string> = {};
const diagnostics = () =>
  [
    ...processes.flatMap((p, i) => p.logs.slice(-4).map((l) => `#${i} ${JSON.stringify(l).slice(0, 300)}`)),
    `leaders: ${JSON.stringify(lastLeaders)}`,
  ].join('\n');
async function isLeader(port: number): Promise<boolean> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (r) => r.text(),
    (e: Error) => `error ${e.message}`,
  );
  lastLeaders = { ...lastLeaders, [port]: text.match(/^clerk_status_leader .*$/m)?.[0] ?? text.slice(0, 80) };
  return /^clerk_status_leader 1$/m.test(text);
}

const ownRedis = await redisServerInstalled('replicas on one Redis');
const owned: OwnRedis[] = [];
afterAll(async () => {
  await Promise.all(owned.map((r) => r.stop()));
});

/** A store only this test uses: a fresh SQLite file, or a redis-server of the test's own. */
const STORES: [string, boolean, () => Promise<string>][] = [
  [
    'one SQLite file',
    true,
    async () => `file:${join(await mkdtemp(join(tmpdir(), 'clerk-replicas-')), 'state.db')}`,
  ],
  [
    'one Redis',
    ownRedis,
    async () => {
      const redis = new OwnRedis(
        8391 + (process.pid % 500),
        await mkdtemp(join(tmpdir(), 'clerk-replicas-redis-')),
      );
      owned.push(redis);
      await redis.start();
      return redis.url;
    },
  ],
];

describe.each(STORES)('several replicas on %s', (_name, available, storeUrl) => {
  it.runIf(available)(
    'delivers each message once, and a new leader takes over when the leader is killed',
    async () => {
      const page = await FakeStatusPage.start();
      const slack = await FakeSlack.start();
      for (const id of ['C0ALL', 'C0SESS'])
        slack.addChannel({ id, name: id.toLowerCase(), members: ['U0ALICE'] });
      slack.addUser({ id: 'U0ALICE' });
      const offset = Date.now() - Date.parse(timeline.steps[0]?.fetchedAt ?? '');
      page.serveStep(timeline, 0, offset);
      const env = fakeSlackEnv(slack, page, {
        POLL_INTERVAL_SECONDS: '1',
        STORE_URL: await storeUrl(),
      });
      const replicas = [spawnBot(env), spawnBot(env), spawnBot(env)];
      processes.push(...replicas);
      const ports = await Promise.all(replicas.map((r) => r.port()));
      await until(
        'one leader',
        async () => (await Promise.all(ports.map(isLeader))).filter(Boolean).length === 1,
        { timeoutMs: 30_000, detail: diagnostics },
      );

      // Subscribe through whichever replica; the subscription lives in Redis.
      await until(
        'a snapshot everywhere',
        () => replicas.every((r) => r.logs.length > 0) && page.requests.length > 2,
        { timeoutMs: 30_000, detail: diagnostics },
      );
      for (const [i, [channel, text]] of [
        ['C0ALL', 'subscribe'],
        ['C0SESS', 'subscribe Session management'],
      ].entries()) {
        const body = slashCommandBody({
          text: text as string,
          channel: channel as string,
          responseUrl: slack.responseUrl(`s${i}`),
        });
        await postSigned(
          `http://127.0.0.1:${ports[i] as number}/slack/events`,
          body,
          'application/x-www-form-urlencoded',
        );
      }
      await until('both subscriptions', () => slack.responses.length === 2, {
        timeoutMs: 30_000,
        detail: diagnostics,
      });
      // Replicas answer concurrently: match each reply by its response_url, not by arrival order.
      const reply = (id: string) => String(slack.responses.find((r) => r.path.endsWith(`/${id}`))?.body.text);
      expect(reply('s0')).toContain('Subscribed');
      expect(reply('s1')).toContain('*Session management*');

      page.serveStep(timeline, 1, offset);
      await until(
        'the incident in both channels',
        () => slack.parents('C0ALL').length === 1 && slack.parents('C0SESS').length === 1,
        { timeoutMs: 30_000, detail: diagnostics },
      );

      // Every replica answers /clerk-status from the shared snapshot, not only the leader.
      const leaderIndex = (await Promise.all(ports.map(isLeader))).indexOf(true);
      const follower = ports[(leaderIndex + 1) % 3] as number;
      await until(
        'the follower to see the incident',
        async () => {
          const answer = await postSigned(
            `http://127.0.0.1:${follower}/slack/events`,
            slashCommandBody({ text: 'status', responseUrl: slack.responseUrl('st') }),
            'application/x-www-form-urlencoded',
          );
          return answer.text.includes('Session management*: Degraded performance');
        },
        { timeoutMs: 30_000, detail: diagnostics },
      );

      const killedAt = Date.now();
      await replicas[leaderIndex]?.kill('SIGKILL');
      const survivors = ports.filter((_, i) => i !== leaderIndex);
      await until('a new leader', async () => (await Promise.all(survivors.map(isLeader))).some(Boolean), {
        timeoutMs: 30_000,
        detail: diagnostics,
      });
      const takeoverMs = Date.now() - killedAt;
      expect(takeoverMs).toBeLessThan(10_000);

      page.serveStep(timeline, 2, offset);
      const expected = [
        'Clerk incident: /handshake endpoint failures — Resolved after 36 min [edited 1x]',
        '  (broadcast) Resolved after 36 min: /handshake endpoint failures — The issue has been resolved',
      ];
      await until(
        'the resolution everywhere',
        () =>
          ['C0ALL', 'C0SESS'].every((c) => JSON.stringify(slack.transcript(c)) === JSON.stringify(expected)),
        { timeoutMs: 30_000, detail: diagnostics },
      );
      // Every survivor reads the same store: nothing left to deliver means nothing more arrives.
      await Promise.all(replicas.filter((_, i) => i !== leaderIndex).map((r) => r.settled()));
      for (const channel of ['C0ALL', 'C0SESS']) expect(slack.transcript(channel)).toEqual(expected);
      const ids = slack.deliveryIds();
      expect(new Set(ids).size).toBe(ids.length);
      await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
      await page.close();
      await slack.close();
    },
    90_000,
  );
});
