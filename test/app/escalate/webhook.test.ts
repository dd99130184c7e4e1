/**
 * The signed webhook over loopback: every event reaches a receiver that verifies it with `standardwebhooks`, once
 * per `webhook-id`; a 500 is retried with the same id; every event kind's body matches the JSON Schema in the
 * repository; the verification snippet in the README accepts the bot's requests and rejects a tampered one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTimeline } from '../../../devkit/timeline.js';
import { loadConfig } from '../../../src/config.js';
import { webhookBody, webhookBodySchema, webhookJsonSchema } from '../../../src/core/render/webhook-body.js';
import { SAMPLES } from '../../helpers/event-samples.js';
import { type EscalationRig, replay, startEscalationRig, WEBHOOK_SECRET } from './escalation-rig.js';

const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');
const dns = loadTimeline('clerk-2026-02-10-dns-outage');
const rigs: EscalationRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

describe('the signed webhook', () => {
  it('delivers every event once, signed, in the documented shape', async () => {
    const rig = await startEscalationRig(dns);
    rigs.push(rig);
    await replay(rig, dns);
    const hooks = rig.hooks.received;
    expect(hooks.length).toBeGreaterThan(2);
    expect(hooks.every((h) => h.verified && h.answered === 200)).toBe(true);
    expect(new Set(hooks.map((h) => h.id)).size).toBe(hooks.length);
    for (const { id, body } of rig.hooks.accepted()) {
      expect(webhookBodySchema.safeParse(body).success).toBe(true);
      expect(body.data.id).toBe(id);
    }
    const types = rig.hooks.accepted().map((h) => h.body.type);
    expect(types).toEqual(
      expect.arrayContaining(['clerk.incident.opened', 'clerk.incident.updated', 'clerk.incident.resolved']),
    );
  });

  it('retries a 500 with the same webhook-id, then stops', async () => {
    const rig = await startEscalationRig(handshake);
    rigs.push(rig);
    rig.hooks.answerNext(500, 503);
    await replay(rig, handshake);
    const [first, second, third] = rig.hooks.received;
    expect([first?.answered, second?.answered, third?.answered]).toEqual([500, 503, 200]);
    expect(second?.id).toBe(first?.id);
    expect(third?.id).toBe(first?.id);
    expect(rig.hooks.received.filter((h) => h.id === first?.id)).toHaveLength(3);
  });

  it('every event kind’s body matches the schema in the repository, which is the one the code writes', async () => {
    for (const [kind, sample] of Object.entries(SAMPLES)) {
      const parsed = webhookBodySchema.safeParse(JSON.parse(JSON.stringify(webhookBody(sample.event))));
      expect(parsed.success, kind).toBe(true);
    }
    const file = JSON.parse(await readFile('schema/webhook-body.schema.json', 'utf8'));
    expect(file).toEqual(webhookJsonSchema()); // `npm run schema` writes it
  });

  it('the README’s verification snippet accepts the bot’s request and rejects a tampered one', async () => {
    const readme = await readFile('README.md', 'utf8');
    const snippet = /<!-- webhook-verify -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const dir = await mkdtemp(join(process.cwd(), '.tmp-readme-'));
    try {
      await writeFile(join(dir, 'verify.mjs'), snippet ?? '');
      const { verifyClerkStatusWebhook } = (await import(join(dir, 'verify.mjs'))) as {
        verifyClerkStatusWebhook: (body: string, headers: Record<string, string>, secret: string) => unknown;
      };
      const body = JSON.stringify(webhookBody(SAMPLES['incident.opened'].event));
      const at = new Date();
      const headers = {
        'webhook-id': 'inc1:opened',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(WEBHOOK_SECRET).sign('inc1:opened', at, body),
      };
      expect(verifyClerkStatusWebhook(body, headers, WEBHOOK_SECRET)).toMatchObject({
        type: 'clerk.incident.opened',
      });
      expect(
        verifyClerkStatusWebhook(body.replace('Sign-in', 'Sign-out'), headers, WEBHOOK_SECRET),
      ).toBeNull();
      const forged = {
        ...headers,
        'webhook-signature': `v1,${Buffer.from('x'.repeat(32)).toString('base64')}`,
      };
      expect(verifyClerkStatusWebhook(body, forged, WEBHOOK_SECRET)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ WEBHOOK_URL: 'https://hooks.example.com/clerk' }, /WEBHOOK_SECRET: required with WEBHOOK_URL/],
    [
      { WEBHOOK_URL: 'https://hooks.example.com/clerk', WEBHOOK_SECRET: 'hunter2hunter2' },
      /WEBHOOK_SECRET: must start with "whsec_"/,
    ],
    [
      { WEBHOOK_URL: 'https://hooks.example.com/clerk', WEBHOOK_SECRET: 'whsec_c2hvcnQ=' },
      /WEBHOOK_SECRET: too short/,
    ],
    [{ WEBHOOK_SECRET: WEBHOOK_SECRET }, /WEBHOOK_URL: set it too/],
    [{ PAGERDUTY_ROUTING_KEY: 'abc' }, /PAGERDUTY_ROUTING_KEY: must be the 32-character integration key/],
    [{ ESCALATE_ON: 'major,sometimes' }, /ESCALATE_ON.*each must be one of major, partial, warning, checks/],
  ])('a bad escalation setting stops start-up with the problem named: %j', (env, said) => {
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(said);
    for (const value of Object.values(env)) if (value.length > 8) expect(message).not.toContain(value);
  });
});
