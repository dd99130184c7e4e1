/**
 * The whole environment, read once and validated by one zod schema. A bad configuration stops start-up
 * with every problem listed, each naming the variable and what is expected. Nothing else reads process.env.
 */

import { z } from 'zod';
import { type ChecksConfig, readChecksFile } from './checks-file.js';
import { blankToUndefined, httpUrl, optionalString, withPrefix } from './config-fields.js';
import { parsePublishableKey } from './core/early-warning/publishable-key.js';
import { BotError } from './core/errors.js';
import {
  type EscalationConfig,
  escalationConfig,
  escalationEnv,
  escalationProblems,
} from './escalation-config.js';

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (blankToUndefined(value) === undefined ? fallback : Number(value)),
    z
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int(`must be a whole number from ${min} to ${max}`)
      .min(min, `must be a whole number from ${min} to ${max}`)
      .max(max, `must be a whole number from ${min} to ${max}`),
  );

const storeUrl = z.preprocess(
  (value) => blankToUndefined(value) ?? 'file:./data/clerk-status.db',
  z.string().refine((v) => /^file:.+/.test(v) || /^rediss?:\/\/[^/]+(\/\d+)?$/.test(v), {
    message: 'must be "file:<path>" or "redis://host:port[/db]"',
  }),
);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variable name → schema. `.env.example` lists exactly these keys (a test keeps them in step). */
export const envSchema = z.object({
  SLACK_BOT_TOKEN: withPrefix('xoxb-', 'a bot token'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: withPrefix('xapp-', 'an app-level token'),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: httpUrl('https://slack.com/api/'),
  CLERK_STATUS_URL: httpUrl('https://status.clerk.com'),
  POLL_INTERVAL_SECONDS: integer(1, 3600, 30),
  STORE_URL: storeUrl,
  PORT: integer(0, 65535, 3000),
  METRICS_PORT: z.preprocess(
    (value) => (blankToUndefined(value) === undefined ? undefined : Number(value)),
    z
      .number({ error: 'must be a whole number from 0 to 65535' })
      .int('must be a whole number from 0 to 65535')
      .min(0, 'must be a whole number from 0 to 65535')
      .max(65535, 'must be a whole number from 0 to 65535')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => blankToUndefined(v) ?? 'info',
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
  ),
  MAX_UPDATE_AGE_HOURS: integer(1, 24 * 365, 24),
  ADMIN_USER_IDS: optionalString,
  CLERK_PUBLISHABLE_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      // Read once here: the Frontend API host comes out of the key.
      .transform((key, ctx) => {
        const parsed = parsePublishableKey(key);
        if (parsed.ok) return parsed;
        ctx.addIssue({ code: 'custom', message: parsed.reason });
        return z.NEVER;
      })
      .optional(),
  ),
  CLERK_FRONTEND_API_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  CLERK_SECRET_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine(
        (v) => /^sk_(live|test)_\S+$/.test(v),
        'must be a Clerk secret key starting with "sk_live_" or "sk_test_"',
      )
      .optional(),
  ),
  CLERK_API_URL: httpUrl('https://api.clerk.com'),
  PROBE_INTERVAL_SECONDS: integer(1, 3600, 30),
  CHECKS_FILE: optionalString,
  ...escalationEnv,
});

export type SlackMode = 'console' | 'http' | 'socket';

export interface Config {
  /** PagerDuty and the signed webhook, where configured. */
  escalation: EscalationConfig;
  /** The team's own checks and jobs, from CHECKS_FILE. */
  checks?: ChecksConfig;
  slack: {
    mode: SlackMode;
    oauth: boolean;
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    apiUrl: string;
    /** Empty: any non-guest member of a channel may change its subscription. */
    adminUserIds: string[];
  };
  statusUrl: string;
  pollIntervalSeconds: number;
  /** sqlite: the database file, and where a state file of the JSON-file version would be (imported once). */
  store: { kind: 'sqlite'; path: string; legacyPath: string } | { kind: 'redis'; url: string };
  port: number;
  /** When set, /metrics and /status are served on this port only. */
  metricsPort?: number;
  logLevel: (typeof LOG_LEVELS)[number];
  maxUpdateAgeMs: number;
  /** Early-warning probes of the team's own Clerk instance; absent when CLERK_PUBLISHABLE_KEY is unset. */
  probes?: ProbeConfig;
}

export interface ProbeConfig {
  frontendApiUrl: string;
  /** Backend API probes, with the secret key (read-only GETs). */
  backend?: { apiUrl: string; secretKey: string };
  intervalSeconds: number;
}

type Presence = Partial<Record<keyof typeof envSchema.shape, boolean>>;

/** Rules between variables. They need only which variables are set, so they run even when others are invalid. */
function crossProblems(raw: Record<string, string | undefined>): string[] {
  const env: Presence = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, blankToUndefined(raw[key]) !== undefined]),
  );
  const problems: string[] = [];
  const oauthVars = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
  const oauthCount = oauthVars.filter(Boolean).length;
  if (oauthCount > 0 && oauthCount < 3) {
    problems.push(
      'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: set all three for a multi-workspace install, or none',
    );
  }
  const oauth = oauthCount === 3;
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  if (oauth && env.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_APP_TOKEN: the OAuth install flow needs HTTP mode (Slack must reach /slack/oauth_redirect); unset SLACK_APP_TOKEN or the SLACK_CLIENT_* variables',
    );
  }
  if (oauth && !env.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required for the OAuth install flow (HTTP mode)');
  }
  if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN && !oauth) {
    problems.push(
      'SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN (Socket Mode still posts with the bot token)',
    );
  }
  for (const name of ['CLERK_SECRET_KEY', 'CLERK_FRONTEND_API_URL'] as const) {
    if (env[name] && !env.CLERK_PUBLISHABLE_KEY)
      problems.push(`${name}: set CLERK_PUBLISHABLE_KEY too (it turns the early-warning probes on)`);
  }
  const pk = raw.CLERK_PUBLISHABLE_KEY?.trim() ?? '';
  const sk = raw.CLERK_SECRET_KEY?.trim() ?? '';
  if (
    (pk.startsWith('pk_live_') && sk.startsWith('sk_test_')) ||
    (pk.startsWith('pk_test_') && sk.startsWith('sk_live_'))
  ) {
    problems.push(
      'CLERK_SECRET_KEY: belongs to another instance type than CLERK_PUBLISHABLE_KEY (one is live, the other test); use the pair from one instance',
    );
  }
  if (env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN && !oauth) {
    problems.push(
      'SLACK_BOT_TOKEN: required with SLACK_SIGNING_SECRET (or set the SLACK_CLIENT_* variables for OAuth)',
    );
  }
  return problems;
}

function toConfig(env: z.infer<typeof envSchema>): Config {
  const oauth = Boolean(env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET);
  const connected = Boolean(env.SLACK_BOT_TOKEN) || oauth;
  const mode: SlackMode = !connected ? 'console' : env.SLACK_APP_TOKEN ? 'socket' : 'http';
  const slack: Config['slack'] = {
    mode,
    oauth,
    apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
    adminUserIds: (env.ADMIN_USER_IDS ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean),
  };
  if (env.SLACK_BOT_TOKEN) slack.botToken = env.SLACK_BOT_TOKEN;
  if (env.SLACK_SIGNING_SECRET) slack.signingSecret = env.SLACK_SIGNING_SECRET;
  if (env.SLACK_APP_TOKEN) slack.appToken = env.SLACK_APP_TOKEN;
  if (env.SLACK_CLIENT_ID) slack.clientId = env.SLACK_CLIENT_ID;
  if (env.SLACK_CLIENT_SECRET) slack.clientSecret = env.SLACK_CLIENT_SECRET;
  if (env.SLACK_STATE_SECRET) slack.stateSecret = env.SLACK_STATE_SECRET;
  return {
    slack,
    statusUrl: env.CLERK_STATUS_URL.replace(/\/+$/, ''),
    pollIntervalSeconds: env.POLL_INTERVAL_SECONDS,
    store: env.STORE_URL.startsWith('file:')
      ? databasePaths(env.STORE_URL.slice('file:'.length))
      : { kind: 'redis', url: env.STORE_URL },
    port: env.PORT,
    ...(env.METRICS_PORT !== undefined ? { metricsPort: env.METRICS_PORT } : {}),
    logLevel: env.LOG_LEVEL,
    maxUpdateAgeMs: env.MAX_UPDATE_AGE_HOURS * 3600 * 1000,
    ...probeConfig(env),
    escalation: escalationConfig(env),
  };
}

function probeConfig(env: z.infer<typeof envSchema>): { probes?: ProbeConfig } {
  const parsed = env.CLERK_PUBLISHABLE_KEY;
  if (!parsed) return {};
  const strip = (url: string) => url.replace(/\/+$/, '');
  return {
    probes: {
      frontendApiUrl: strip(env.CLERK_FRONTEND_API_URL ?? parsed.frontendApiUrl),
      ...(env.CLERK_SECRET_KEY
        ? { backend: { apiUrl: strip(env.CLERK_API_URL), secretKey: env.CLERK_SECRET_KEY } }
        : {}),
      intervalSeconds: env.PROBE_INTERVAL_SECONDS,
    },
  };
}

/**
 * `file:<path>` names the database. A path ending in .json (a state file of the JSON-file version) names the .db
 * beside it, so an upgraded install keeps its STORE_URL; the JSON file there is imported once.
 */
function databasePaths(path: string): { kind: 'sqlite'; path: string; legacyPath: string } {
  const db = path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}.db` : path;
  return {
    kind: 'sqlite',
    path: db,
    legacyPath: `${db.endsWith('.db') ? db.slice(0, -'.db'.length) : db}.json`,
  };
}

/** Reads the configuration or throws CONFIG_INVALID listing every problem, one per line. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const checks = readChecksFile(parsed.success ? parsed.data.CHECKS_FILE : undefined, env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crossProblems(env),
    ...escalationProblems(env),
    ...(checks && !checks.ok ? checks.problems : []),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new BotError(
      'CONFIG_INVALID',
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        details: { problems },
      },
    );
  }
  const config = toConfig(parsed.data);
  return checks?.ok ? { ...config, checks: checks.config } : config;
}
