/**
 * Fan-out with PagerDuty and the webhook on: the same incident to 1,000 channels, once without and once with both
 * destinations, each answering slowly (1 s per call). Slack's time to the last delivery must not change: each
 * destination runs in its own lane. The /handshake incident is replayed as a major outage so it pages.
 */
import { FakePagerDuty } from '../devkit/fake-pagerduty.js';
import { FakeWebhookReceiver } from '../devkit/fake-webhook-receiver.js';
import { loadTimeline, type Timeline } from '../devkit/timeline.js';
import { until } from '../devkit/wait.js';
import { fanOut } from './fan-out.js';
import type { BenchRow } from './run.js';

const SECRET = `whsec_${Buffer.from('bench secret, thirty-two bytes!!').toString('base64')}`;

function asMajorOutage(): Timeline {
  const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
  return JSON.parse(
    JSON.stringify(timeline).replaceAll('"degraded_performance"', '"major_outage"'),
  ) as Timeline;
}

export async function fanOutWithEscalation(): Promise<BenchRow[]> {
  const timeline = asMajorOutage();
  const baseline = await fanOut(1_000, 10, undefined, { timeline, label: 'Slack only' });
  const pd = await FakePagerDuty.start();
  const hooks = await FakeWebhookReceiver.start(SECRET);
  pd.answerDelayMs = 1_000;
  hooks.answerDelayMs = 1_000;
  const env = {
    PAGERDUTY_ROUTING_KEY: pd.routingKey,
    PAGERDUTY_EVENTS_URL: pd.url,
    WEBHOOK_URL: hooks.url,
    WEBHOOK_SECRET: SECRET,
  };
  const escalated = await fanOut(1_000, 10, undefined, {
    timeline,
    env,
    label: 'PagerDuty and webhook on, 1 s answers',
  });
  await until('PagerDuty resolved', () => pd.events('resolve').length > 0, { timeoutMs: 30_000 }).catch(
    () => undefined,
  );
  const paged = pd.alerts.length === 1 && pd.alerts[0]?.triggers === 1 && pd.alerts[0]?.status === 'resolved';
  const hooked = hooks.accepted().length;
  await Promise.all([pd.close(), hooks.close()]);
  return [
    baseline,
    {
      ...escalated,
      result: `${escalated.result}; PagerDuty: ${pd.events('trigger').length} trigger, ${pd.events('resolve').length} resolve; webhook: ${hooked} events`,
      ok: escalated.ok && paged && hooked >= 2,
    },
  ];
}
