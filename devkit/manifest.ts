/**
 * The Slack app manifest for either transport. manifest.yml is the Socket Mode manifest (no public URL needed);
 * HTTP mode needs socket mode off and every request URL pointing at the bot's public base URL.
 */
import { readFileSync } from 'node:fs';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { parse } from 'yaml';
import { SLACK_PATHS } from '../src/adapters/slack/app.js';

/** The SDK's manifest type (the one apps.manifest.create takes). */
export type Manifest = AppsManifestCreateArguments['manifest'];

export const MANIFEST_PATH = new URL('../manifest.yml', import.meta.url);

/** The paths the bot's HTTP receiver serves, from the code that serves them. */
export const HTTP_PATHS = SLACK_PATHS;

export function readManifest(): Manifest {
  return parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

/** The public base URL, or a message saying what is wrong with it. */
export function parseBaseUrl(input: string): { base: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { error: `not a URL: ${JSON.stringify(input)}` };
  }
  if (url.protocol !== 'https:')
    return { error: `Slack only sends requests to https URLs, not ${url.protocol}` };
  if (url.search || url.hash) return { error: 'the base URL takes no query or fragment' };
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The manifest with socket mode off and every URL under `base` (from parseBaseUrl). */
export function httpManifest(socketMode: Manifest, base: string): Manifest {
  const manifest = structuredClone(socketMode);
  const events = `${base}${HTTP_PATHS.events}`;
  for (const command of manifest.features?.slash_commands ?? []) command.url = events;
  if (manifest.oauth_config) manifest.oauth_config.redirect_urls = [`${base}${HTTP_PATHS.oauthRedirect}`];
  const settings = manifest.settings ?? {};
  if (settings.event_subscriptions) settings.event_subscriptions.request_url = events;
  if (settings.interactivity) settings.interactivity.request_url = events;
  settings.socket_mode_enabled = false;
  manifest.settings = settings;
  return manifest;
}
