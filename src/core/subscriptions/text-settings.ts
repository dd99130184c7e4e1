/**
 * `/clerk-status set <key> <value>`: the settings modal's fields as text. Pure: a key and a value change a
 * subscription, or a reason with the valid choices and no change at all.
 */
import { MAX_REMINDER_MS, type MentionPolicy, type Subscription } from './subscription.js';

export const SETTING_KEYS = [
  'severity',
  'maintenance',
  'reminder',
  'confirm',
  'warnings',
  'checks',
  'mention',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const VALID: Record<SettingKey, string> = {
  severity: '`all`, `degraded`, `partial` or `major`',
  maintenance: '`on` or `off`',
  reminder: `\`off\` or minutes from 1 to ${MAX_REMINDER_MS / 60_000}, like \`60m\` (before scheduled maintenance starts)`,
  confirm: '`off` or minutes from 1 to 60, like `2m` (hold component-only changes until they last that long)',
  warnings: '`on` or `off`',
  checks: '`on` or `off`',
  mention: '`none`, `here`, `channel` or a user group (type `@` and pick it)',
};

export type SettingChange =
  | { ok: true; subscription: Subscription; said: string }
  | { ok: false; reason: string };

function onOff(value: string): boolean | undefined {
  if (value === 'on') return true;
  if (value === 'off') return false;
  return undefined;
}

/** Slack sends a picked user group as `<!subteam^S0123|@oncall>`. */
function mentionOf(value: string): MentionPolicy | undefined {
  if (value === 'none' || value === 'here' || value === 'channel') return { kind: value };
  const group = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value);
  return group?.[1] ? { kind: 'usergroup', id: group[1] } : undefined;
}

const SEVERITY: Record<string, Subscription['minSeverity']> = {
  all: 'operational',
  degraded: 'degraded',
  partial: 'partial',
  major: 'major',
};

/** An on/off field set from `on` or `off`. */
function switched(
  field: 'maintenance' | 'earlyWarnings' | 'checks',
  value: string,
): Partial<Subscription> | undefined {
  const on = onOff(value.toLowerCase());
  return on === undefined ? undefined : { [field]: on };
}

/** `off` (0) or `<n>m` with n from 1 to `max`, in ms. */
function minutesOf(value: string, max: number): number | undefined {
  if (value.toLowerCase() === 'off') return 0;
  const minutes = /^(\d{1,4})\s*m(in)?$/i.exec(value);
  const n = Number(minutes?.[1]);
  return minutes && n >= 1 && n <= max ? n * 60_000 : undefined;
}

function changed(key: SettingKey, value: string): Partial<Subscription> | undefined {
  switch (key) {
    case 'severity': {
      const minSeverity = SEVERITY[value.toLowerCase()];
      return minSeverity ? { minSeverity } : undefined;
    }
    case 'maintenance':
      return switched('maintenance', value);
    case 'reminder': {
      const ms = minutesOf(value, MAX_REMINDER_MS / 60_000);
      return ms === undefined ? undefined : { reminderMs: ms };
    }
    case 'confirm': {
      const ms = minutesOf(value, 60);
      return ms === undefined ? undefined : { confirmMs: ms };
    }
    case 'warnings':
      return switched('earlyWarnings', value);
    case 'checks':
      return switched('checks', value);
    case 'mention': {
      const mention = mentionOf(value.startsWith('<') ? value : value.toLowerCase());
      return mention ? { mention } : undefined;
    }
  }
}

/** What the caller typed, shown back as text (never a mention or a link, never breaking out of the code span). */
const asText = (typed: string) =>
  typed
    .slice(0, 40)
    .replace(/[`<>&]/g, (c) => ({ '`': "'", '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/** The usage line for `set`. */
export const SET_USAGE = `\`/clerk-status set <key> <value>\` with ${SETTING_KEYS.map((k) => `\`${k}\` (${VALID[k]})`).join('; ')}`;

export function applySetting(subscription: Subscription, key: string, value: string): SettingChange {
  const k = key.toLowerCase();
  if (!isSettingKey(k)) return { ok: false, reason: `There is no setting \`${asText(key)}\`. ${SET_USAGE}.` };
  const change = changed(k, value.trim());
  if (!change) return { ok: false, reason: `\`${k}\` takes ${VALID[k]}. Nothing was changed.` };
  return { ok: true, subscription: { ...subscription, ...change }, said: `${k} is now ${value.trim()}` };
}
