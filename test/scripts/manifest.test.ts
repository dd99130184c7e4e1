/** `npm run manifest`: the Socket Mode manifest as it is, and the HTTP-mode one with every URL filled in. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  HTTP_PATHS,
  httpManifest,
  type Manifest,
  parseBaseUrl,
  readManifest,
} from '../../devkit/manifest.js';
import { BOT_SCOPES } from '../../src/adapters/slack/scopes.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const tsx = `${root}node_modules/.bin/tsx`;

/** Every URL in a manifest, wherever it sits. */
function urls(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z]+:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urls);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urls);
  return [];
}

describe('manifest', () => {
  const socketMode: Manifest = readManifest();

  it('ships Socket Mode by default, with the scopes the code requests', () => {
    expect(socketMode.settings?.socket_mode_enabled).toBe(true);
    expect([...(socketMode.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it.each([
    ['https://bot.example.com', 'https://bot.example.com'],
    ['https://bot.example.com/', 'https://bot.example.com'],
    ['https://example.com/clerk-status//', 'https://example.com/clerk-status'],
  ])('HTTP mode for %s points every URL at %s', (input, base) => {
    const parsed = parseBaseUrl(input);
    expect(parsed).toEqual({ base });
    const http: Manifest = httpManifest(socketMode, base);
    expect(http.settings?.socket_mode_enabled).toBe(false);
    const found = urls({ features: http.features, oauth_config: http.oauth_config, settings: http.settings });
    expect(found.length).toBe(4);
    for (const url of found)
      expect([`${base}${HTTP_PATHS.events}`, `${base}${HTTP_PATHS.oauthRedirect}`]).toContain(url);
    expect(http.oauth_config?.redirect_urls).toEqual([`${base}${HTTP_PATHS.oauthRedirect}`]);
    // Nothing else changes: same scopes, command, events.
    expect(http.oauth_config?.scopes).toEqual(socketMode.oauth_config?.scopes);
    expect(http.settings?.event_subscriptions?.bot_events).toEqual(
      socketMode.settings?.event_subscriptions?.bot_events,
    );
    expect(socketMode.settings?.socket_mode_enabled).toBe(true); // the input is not modified
  });

  it.each([
    ['http://bot.example.com', 'https'],
    ['bot.example.com', 'not a URL'],
    ['https://bot.example.com/?x=1', 'no query'],
  ])('refuses %s', (input, message) => {
    const parsed = parseBaseUrl(input);
    expect('error' in parsed && parsed.error).toContain(message);
  });

  it('prints both through npm run manifest, and a usage error for a bad URL', async () => {
    const socket = await run(tsx, ['scripts/manifest.ts'], { cwd: root });
    expect(parse(socket.stdout)).toEqual(socketMode);
    const http = await run(tsx, ['scripts/manifest.ts', '--http', 'https://bot.example.com'], { cwd: root });
    expect(parse(http.stdout)).toEqual(httpManifest(socketMode, 'https://bot.example.com'));
    const bad = await run(tsx, ['scripts/manifest.ts', '--http', 'http://x'], { cwd: root }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run manifest');
  }, 30_000);
});
