/** Requests as Slack sends them: signed with the signing secret, form-encoded or JSON. */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SignedOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replace the signature (to test a forged one). */
  signature?: string;
  /** More headers, e.g. Slack's `x-slack-retry-num` on a re-delivered event. */
  headers?: Record<string, string>;
}

export function sign(body: string, secret: string, timestamp: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SignedOptions = {},
): Promise<{ status: number; text: string; json: () => unknown }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(body, options.secret ?? SIGNING_SECRET, timestamp);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

export interface CommandFields {
  text: string;
  user?: string;
  channel?: string;
  channelName?: string;
  team?: string;
  responseUrl: string;
  /** Slack's id of this invocation (unique per command; a replay repeats it). Default: a fresh one. */
  triggerId?: string;
}

let triggers = 0;
/** A trigger id shaped like Slack's, new on each call. */
export const freshTriggerId = () => `${Date.now()}.${++triggers}.trigger`;

export function slashCommandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team ?? 'T0TEAM',
    team_domain: 'test',
    channel_id: fields.channel ?? 'C0OPS',
    channel_name: fields.channelName ?? 'ops',
    user_id: fields.user ?? 'U0ALICE',
    user_name: 'alice',
    command: '/clerk-status',
    text: fields.text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? freshTriggerId(),
  }).toString();
}

export function eventBody(event: Record<string, unknown>, team = 'T0TEAM'): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: 'U0BOT', is_bot: true }],
    event,
  });
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
