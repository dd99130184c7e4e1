/** The short ephemeral answers to `/clerk-status` subcommands: help, usage, confirmations and refusals. */

import type { Component } from '../events/page.js';
import type { Refusal } from '../subscriptions/permissions.js';
import { MIN_SEVERITY_CHOICES, reminderMsOf, type Subscription } from '../subscriptions/subscription.js';
import { plainMessage } from './blocks.js';
import { formatDuration, SEVERITY_LABEL } from './labels.js';
import { escapeText } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

export const USAGE = [
  '`/clerk-status` — current Clerk status and what to do about it (only you see it)',
  '`/clerk-status status public` — the same, posted in this channel',
  '`/clerk-status subscribe` — post every Clerk status change in this channel',
  '`/clerk-status subscribe Session management, Webhooks` — only changes to those components',
  '`/clerk-status settings` — choose components, minimum severity, maintenance notices, early warnings and mentions',
  '`/clerk-status unsubscribe` — stop posting in this channel',
  '`/clerk-status set severity partial` — one setting as text: `severity`, `maintenance`, `reminder`, `confirm`, `warnings`, `checks`, `mention`',
  '`/clerk-status dm [components]` — alerts as direct messages to you, with your own components; `dm off` stops them',
  '`/clerk-status history [days]` — Clerk\u2019s incidents of the last 30 days (or 1 to 90) with their duration, and each component\u2019s share of time operational',
  '`/clerk-status test` — post a sample alert here, marked as a test',
  '`/clerk-status checks` — your own checks and jobs (CHECKS_FILE): state, last result, 24 h success and p95, recent runs',
  '`/clerk-status help` — this list',
].join('\n');

export function renderHelp(): RenderedMessage {
  return plainMessage(`*Clerk status for Slack*\n${USAGE}`);
}

/** For malformed commands: a reason (never the user's text) and the usage. */
export function renderUsage(reason: string): RenderedMessage {
  return plainMessage(`${reason} Here is what I understand:\n${USAGE}`);
}

export function renderUnknownComponents(unknown: string[], components: Component[]): RenderedMessage {
  const names = unknown.map((n) => `“${escapeText(n)}”`).join(', ');
  const valid = components.map((c) => `\`${escapeText(c.name)}\``).join(', ');
  return plainMessage(
    `I don't know ${unknown.length === 1 ? 'the component' : 'the components'} ${names}. Nothing was changed.\nClerk's components are: ${valid}.`,
  );
}

function mentionText(subscription: Subscription): string {
  switch (subscription.mention.kind) {
    case 'none':
      return 'no mentions';
    case 'here':
      return 'mentioning @here when an incident opens or escalates to a major outage';
    case 'channel':
      return 'mentioning @channel when an incident opens or escalates to a major outage';
    case 'usergroup':
      return `mentioning <!subteam^${subscription.mention.id}> when an incident opens or escalates to a major outage`;
  }
}

/** Exactly what the channel will receive, in one sentence people can check. */
export function describeSubscription(subscription: Subscription): string {
  const what =
    subscription.componentIds.length === 0
      ? 'every Clerk component'
      : subscription.componentNames.map((n) => `*${escapeText(n)}*`).join(', ');
  const severity =
    subscription.minSeverity === 'operational'
      ? 'every status change'
      : (MIN_SEVERITY_CHOICES.find((c) => c.value === subscription.minSeverity)?.label.toLowerCase() ??
        SEVERITY_LABEL[subscription.minSeverity]);
  const reminder = reminderMsOf(subscription);
  const maintenance = !subscription.maintenance
    ? 'maintenance notices off'
    : reminder > 0
      ? `maintenance notices on (reminder ${formatDuration(reminder)} before)`
      : 'maintenance notices on (no reminder)';
  const warnings = subscription.earlyWarnings === false ? ', early warnings off' : '';
  const checks = subscription.checks === false ? ', own-check alerts off' : '';
  const confirm = subscription.confirmMs
    ? `, component-only changes posted once they last ${Math.round(subscription.confirmMs / 60_000)} min`
    : '';
  return `${what}: ${severity}, incidents with updates in threads, ${maintenance}${warnings}${checks}${confirm}, ${mentionText(subscription)}`;
}

export function renderSubscribed(
  subscription: Subscription,
  updated: boolean,
  openIncidents: { name: string; status: string }[] = [],
): RenderedMessage {
  const verb = updated ? 'Updated. This channel now receives' : 'Subscribed. This channel will receive';
  const open =
    openIncidents.length > 0
      ? `\n:rotating_light: Open now: ${openIncidents.map((i) => `*${escapeText(i.name)}* (${escapeText(i.status)})`).join(', ')}. I'm posting ${openIncidents.length === 1 ? 'it' : 'each'} here as it stands, and its updates will follow in the thread.`
      : '';
  return plainMessage(
    `:white_check_mark: ${verb} ${describeSubscription(subscription)}.${open}\nChange it with \`/clerk-status settings\`; stop with \`/clerk-status unsubscribe\`.`,
  );
}

export function renderUnsubscribed(wasSubscribed: boolean): RenderedMessage {
  return plainMessage(
    wasSubscribed
      ? ':wave: Unsubscribed. This channel will no longer receive Clerk status changes.'
      : 'This channel was not subscribed, so nothing changed. Subscribe with `/clerk-status subscribe`.',
  );
}

/** Why the user may not change this channel's subscription, as one plain sentence (also a modal field error). */
export function refusalText(reason: Refusal, botUserId?: string): string {
  switch (reason) {
    case 'guest':
      return 'Guests cannot change this channel’s Clerk status subscription.';
    case 'not_admin':
      return 'Only the admins this bot was configured with can change subscriptions. Ask one of them.';
    case 'not_member':
      return 'Only members of this channel can change its subscription. Join it first.';
    case 'archived':
      return 'This channel is archived, so I cannot post in it.';
    case 'dm':
      return 'Subscriptions are per channel: run this command in the channel that should receive Clerk status changes.';
    case 'invite_me':
      return `This is a private channel I'm not in. Invite me first by typing \`/invite ${botUserId ? `<@${botUserId}>` : '@Clerk Status'}\`, then run the command again.`;
  }
}

const REFUSAL_EMOJI: Record<Refusal, string> = {
  guest: ':no_entry:',
  not_admin: ':no_entry:',
  not_member: ':no_entry:',
  archived: '',
  dm: '',
  invite_me: ':lock:',
};

export function renderRefusal(reason: Refusal, botUserId?: string): RenderedMessage {
  const emoji = REFUSAL_EMOJI[reason];
  return plainMessage(`${emoji ? `${emoji} ` : ''}${refusalText(reason, botUserId)}`);
}

export function renderSettingsSaved(subscription: Subscription): RenderedMessage {
  return plainMessage(
    `:white_check_mark: Settings saved. This channel receives ${describeSubscription(subscription)}.`,
  );
}

/** Something went wrong on our side or Slack's: say so plainly, with the Slack error code. */
/** The bot's own store failed: not Slack's doing, and nothing was changed. */
export function renderStoreFailure(): RenderedMessage {
  return plainMessage(
    ":warning: Sorry, that didn't work: this bot could not reach its own store just now. Nothing was changed; try again in a moment (the status answer still works).",
  );
}

export function renderFailure(code: string): RenderedMessage {
  return plainMessage(
    `:warning: Sorry, that didn't work: Slack answered \`${escapeText(code)}\`. Nothing was changed; try again in a moment.`,
  );
}

/** Why the bot could not join a public channel it now posts in, and what that costs. */
export function renderJoinNote(reason: string): string {
  return `:information_source: I could not join this channel (Slack said \`${escapeText(reason)}\`). I can still post here, but I cannot check my own posts after a Slack failure, so rarely one may arrive twice. Invite me with \`/invite @Clerk Status\` to fix that.`;
}

/** The message with a note added as its last section. */
export function withNote(message: RenderedMessage, note: string): RenderedMessage {
  return { text: `${message.text}\n${note}`, blocks: [...message.blocks, ...plainMessage(note).blocks] };
}

/** Component names were given before the bot read Clerk's page once: nothing to match them with yet. */
export function renderPageNotReadYet(): RenderedMessage {
  return renderUsage(
    "I haven't read Clerk's status page yet, so I can't match component names. Try again in a minute.",
  );
}
