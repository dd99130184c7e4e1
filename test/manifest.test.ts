/** manifest.yml must declare what the code registers and every scope the Web API calls need. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ListenerDeps } from '../src/adapters/slack/listeners/deps.js';
import { registerListeners } from '../src/adapters/slack/listeners/index.js';
import { BOT_SCOPES } from '../src/adapters/slack/scopes.js';

const root = new URL('..', import.meta.url).pathname;
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));

/** The scope each Web API method we call needs (https://api.slack.com/methods). */
const SCOPE_FOR_METHOD: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'], // the bot's own messages only (a late copy)
  'chat.postEphemeral': ['chat:write'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.join': ['channels:join'],
  'conversations.open': ['im:write'],
  'users.info': ['users:read'],
  'usergroups.list': ['usergroups:read'],
  'auth.test': [],
  'views.open': [],
  'views.publish': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const source = sourceFiles(join(root, 'src'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
/** What the code really registers: the real registerListeners, run against a recorder standing in for Bolt's App. */
function registrations() {
  const seen = {
    commands: [] as string[],
    events: [] as string[],
    views: [] as string[],
    actions: [] as string[],
  };
  const recorder = {
    command: (name: string) => seen.commands.push(name),
    event: (name: string) => seen.events.push(name),
    view: (callbackId: string) => seen.views.push(callbackId),
    action: (actionId: string) => seen.actions.push(actionId),
    use: () => {},
  };
  registerListeners(recorder as unknown as App, {} as ListenerDeps);
  return seen;
}
const registered = registrations();

const calledMethods = [...source.matchAll(/client\.([a-z]+)\.([a-zA-Z]+)\(/g)].map((m) => `${m[1]}.${m[2]}`);

describe('manifest.yml', () => {
  it('declares the slash command the code registers', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(
      registered.commands,
    );
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
  });

  it('subscribes to exactly the events the code listens for', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...registered.events].sort(),
    );
  });

  it('enables interactivity for the settings modal, the early warning’s buttons and the Home tab', () => {
    expect(registered.views.length).toBeGreaterThan(0);
    expect(registered.actions).toEqual([
      'early_warning_seeing',
      'early_warning_not_affected',
      'clerk_status_dm_toggle',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('requests a scope for every Web API method the code calls, and the command scope', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(calledMethods.length).toBeGreaterThan(3);
    for (const method of new Set(calledMethods)) {
      expect(SCOPE_FOR_METHOD, `no scope mapping for ${method}`).toHaveProperty([method]);
      for (const scope of SCOPE_FOR_METHOD[method] ?? [])
        expect(scopes, `${method} needs ${scope}`).toContain(scope);
    }
    expect(scopes).toContain('commands');
    expect(scopes).toContain('chat:write.public');
  });

  it('asks for exactly the scopes the OAuth install requests', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('explains every scope in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const scope of manifest.oauth_config.scopes.bot as string[])
      expect(readme).toContain(`| \`${scope}\` |`);
  });

  it('points every request URL at /slack/events', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});
