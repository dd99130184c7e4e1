/**
 * The environment for destinations beside Slack: PagerDuty (PAGERDUTY_ROUTING_KEY, PAGERDUTY_EVENTS_URL,
 * ESCALATE_ON) and the signed webhook (WEBHOOK_URL, WEBHOOK_SECRET). Part of the one environment schema in
 * config.ts; a problem stops start-up with the others, naming the variable and never echoing a secret.
 */
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { blankToUndefined, httpUrl, optionalString } from './config-fields.js';
import { DEFAULT_ESCALATE_ON, ESCALATE_CHOICES, type EscalateOn } from './core/plan/escalation.js';

const escalateOn = z.preprocess(
  (value) => blankToUndefined(value) ?? DEFAULT_ESCALATE_ON.join(','),
  z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.enum(ESCALATE_CHOICES, { error: `each must be one of ${ESCALATE_CHOICES.join(', ')}` }))),
);

export const escalationEnv = {
  PAGERDUTY_ROUTING_KEY: optionalString,
  PAGERDUTY_EVENTS_URL: httpUrl('https://events.pagerduty.com/v2/enqueue'),
  ESCALATE_ON: escalateOn,
  WEBHOOK_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  WEBHOOK_SECRET: optionalString,
};

export interface EscalationConfig {
  pagerDuty?: { routingKey: string; eventsUrl: string; on: EscalateOn[] };
  webhook?: { url: string; secret: string };
}

type EscalationEnv = {
  PAGERDUTY_ROUTING_KEY?: string | undefined;
  PAGERDUTY_EVENTS_URL: string;
  ESCALATE_ON: EscalateOn[];
  WEBHOOK_URL?: string | undefined;
  WEBHOOK_SECRET?: string | undefined;
};

export function escalationConfig(env: EscalationEnv): EscalationConfig {
  return {
    ...(env.PAGERDUTY_ROUTING_KEY
      ? {
          pagerDuty: {
            routingKey: env.PAGERDUTY_ROUTING_KEY,
            eventsUrl: env.PAGERDUTY_EVENTS_URL,
            on: env.ESCALATE_ON,
          },
        }
      : {}),
    ...(env.WEBHOOK_URL && env.WEBHOOK_SECRET
      ? { webhook: { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET } }
      : {}),
  };
}

const SECRET_HELP =
  'a whsec_ prefix and at least 24 random bytes in base64 (e.g. whsec_$(openssl rand -base64 32))';

/** What the secret lacks, or undefined when the `standardwebhooks` library takes it. */
function secretProblem(secret: string): string | undefined {
  if (!secret.startsWith('whsec_')) return `must start with "whsec_": ${SECRET_HELP}`;
  const base64 = secret.slice('whsec_'.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
    return `the part after "whsec_" is not base64: ${SECRET_HELP}`;
  if (Buffer.from(base64, 'base64').length < 24) return `too short: ${SECRET_HELP}`;
  try {
    new Webhook(secret);
  } catch {
    return `not a signing secret the Standard Webhooks library accepts: ${SECRET_HELP}`;
  }
  return undefined;
}

/** Problems between the variables (the schema checks each alone). */
export function escalationProblems(raw: Record<string, string | undefined>): string[] {
  const url = raw.WEBHOOK_URL?.trim();
  const secret = raw.WEBHOOK_SECRET?.trim();
  const key = raw.PAGERDUTY_ROUTING_KEY?.trim();
  const problems: string[] = [];
  if (url && !secret) problems.push(`WEBHOOK_SECRET: required with WEBHOOK_URL: ${SECRET_HELP}`);
  if (secret && !url) problems.push('WEBHOOK_URL: set it too, or unset WEBHOOK_SECRET');
  const wrong = secret ? secretProblem(secret) : undefined;
  if (wrong) problems.push(`WEBHOOK_SECRET: ${wrong}`);
  if (key && !/^[A-Za-z0-9]{32}$/.test(key))
    problems.push(
      'PAGERDUTY_ROUTING_KEY: must be the 32-character integration key of an Events API v2 integration',
    );
  return problems;
}
