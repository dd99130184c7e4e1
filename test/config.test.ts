import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from '../src/config.js';
import { publishableKeyFor } from '../src/core/early-warning/publishable-key.js';
import { isBotError } from '../src/core/errors.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (isBotError(error, 'CONFIG_INVALID')) return (error.details?.problems as string[]) ?? [];
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to console mode, the embedded database and a 30 s poll', () => {
    const config = loadConfig({});
    expect(config.slack.mode).toBe('console');
    expect(config.store).toEqual({
      kind: 'sqlite',
      path: './data/clerk-status.db',
      legacyPath: './data/clerk-status.json',
    });
    expect(config.pollIntervalSeconds).toBe(30);
    expect(config.statusUrl).toBe('https://status.clerk.com');
    expect(config.maxUpdateAgeMs).toBe(24 * 3600_000);
  });

  it('maps a STORE_URL naming the old JSON state file to the database beside it', () => {
    expect(loadConfig({ STORE_URL: 'file:/var/lib/bot/state.json' }).store).toEqual({
      kind: 'sqlite',
      path: '/var/lib/bot/state.db',
      legacyPath: '/var/lib/bot/state.json',
    });
    expect(loadConfig({ STORE_URL: 'file:/var/lib/bot/state.db' }).store).toMatchObject({
      path: '/var/lib/bot/state.db',
      legacyPath: '/var/lib/bot/state.json',
    });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, 'http'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, 'socket'],
  ])('picks the Slack mode from the credentials: %j → %s', (env, mode) => {
    expect(loadConfig(env).slack.mode).toBe(mode);
  });

  it('reads redis URLs and admin lists', () => {
    const config = loadConfig({ STORE_URL: 'redis://127.0.0.1:6379/2', ADMIN_USER_IDS: 'U1, U2 U3' });
    expect(config.store).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/2' });
    expect(config.slack.adminUserIds).toEqual(['U1', 'U2', 'U3']);
  });

  it('lists every problem at once, each naming the variable and what is expected', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'not-an-app-token',
      POLL_INTERVAL_SECONDS: '0',
      STORE_URL: 'postgres://db',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      CLERK_STATUS_URL: 'ftp://status',
    });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with "xoxb-"/);
    expect(problems.join('\n')).toMatch(/SLACK_APP_TOKEN: must be an app-level token starting with "xapp-"/);
    expect(problems.join('\n')).toMatch(/POLL_INTERVAL_SECONDS: must be a whole number from 1 to 3600/);
    expect(problems.join('\n')).toMatch(/STORE_URL: must be "file:<path>" or "redis:/);
    expect(problems.join('\n')).toMatch(/PORT: must be a whole number/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL: must be one of/);
    expect(problems.join('\n')).toMatch(/CLERK_STATUS_URL: must be an http\(s\) URL/);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN/],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, /SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN/],
    [{ SLACK_CLIENT_ID: 'c' }, /set all three/],
    [
      {
        SLACK_CLIENT_ID: 'c',
        SLACK_CLIENT_SECRET: 's',
        SLACK_STATE_SECRET: 't',
        SLACK_SIGNING_SECRET: 'x',
        SLACK_APP_TOKEN: 'xapp-1',
      },
      /OAuth install flow needs HTTP mode/,
    ],
    [{ POLL_INTERVAL_SECONDS: '1.5' }, /POLL_INTERVAL_SECONDS/],
    [{ POLL_INTERVAL_SECONDS: '3601' }, /POLL_INTERVAL_SECONDS/],
  ])('rejects %j', (env, message) => {
    expect(problemsOf(env).join('\n')).toMatch(message);
  });

  it('turns the early-warning probes on with a publishable key, the host read from it', () => {
    expect(loadConfig({}).probes).toBeUndefined();
    const key = publishableKeyFor('clerk.example.com', 'live');
    expect(loadConfig({ CLERK_PUBLISHABLE_KEY: key }).probes).toEqual({
      frontendApiUrl: 'https://clerk.example.com',
      intervalSeconds: 30,
    });
    expect(
      loadConfig({
        CLERK_PUBLISHABLE_KEY: key,
        CLERK_FRONTEND_API_URL: 'https://example.com/__clerk/',
        CLERK_SECRET_KEY: 'sk_live_abc123',
        PROBE_INTERVAL_SECONDS: '10',
      }).probes,
    ).toEqual({
      frontendApiUrl: 'https://example.com/__clerk',
      backend: { apiUrl: 'https://api.clerk.com', secretKey: 'sk_live_abc123' },
      intervalSeconds: 10,
    });
  });

  it.each([
    [{ CLERK_PUBLISHABLE_KEY: 'pk_live_nonsense' }, /CLERK_PUBLISHABLE_KEY: is not a Clerk publishable key/],
    [
      { CLERK_PUBLISHABLE_KEY: 'clerk.example.com' },
      /CLERK_PUBLISHABLE_KEY: must start with "pk_live_" or "pk_test_"/,
    ],
    [{ CLERK_SECRET_KEY: 'sk_live_abc' }, /CLERK_SECRET_KEY: set CLERK_PUBLISHABLE_KEY too/],
    [
      { CLERK_FRONTEND_API_URL: 'https://x.example' },
      /CLERK_FRONTEND_API_URL: set CLERK_PUBLISHABLE_KEY too/,
    ],
    [
      { CLERK_PUBLISHABLE_KEY: publishableKeyFor('a.example'), CLERK_SECRET_KEY: 'pk_test_x' },
      /CLERK_SECRET_KEY: must be a Clerk secret key/,
    ],
    [
      { CLERK_PUBLISHABLE_KEY: publishableKeyFor('a.example', 'live'), CLERK_SECRET_KEY: 'sk_test_x' },
      /one is live, the other test/,
    ],
    [
      { CLERK_PUBLISHABLE_KEY: publishableKeyFor('a.example'), PROBE_INTERVAL_SECONDS: '0' },
      /PROBE_INTERVAL_SECONDS: must be a whole number from 1 to 3600/,
    ],
    [
      { CLERK_PUBLISHABLE_KEY: publishableKeyFor('a.example'), CLERK_API_URL: 'api.clerk.com' },
      /CLERK_API_URL: must be an http\(s\) URL/,
    ],
  ])('rejects the probe settings %j', (env, message) => {
    expect(problemsOf(env).join('\n')).toMatch(message);
  });

  it('treats empty variables (as in a copied .env.example) as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: ' ', PORT: '' }).slack.mode).toBe('console');
  });

  it('keeps .env.example in step with the schema: every variable, nothing else', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const names = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(names.sort()).toEqual(Object.keys(envSchema.shape).sort());
    const values = Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => loadConfig(values)).not.toThrow();
  });
});
