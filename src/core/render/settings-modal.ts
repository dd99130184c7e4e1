/** The `settings` modal and the pure reading of its submission. */
import type { KnownBlock, ModalView, PlainTextOption as Option } from '@slack/types';
import type { Component } from '../events/page.js';
import type { Severity } from '../events/severity.js';
import { isSeverity } from '../events/severity.js';
import {
  MAX_REMINDER_MS,
  type MentionPolicy,
  MIN_SEVERITY_CHOICES,
  reminderMsOf,
  type Subscription,
} from '../subscriptions/subscription.js';
import { section } from './blocks.js';

export const SETTINGS_CALLBACK_ID = 'clerk_status_settings';
const BLOCK = {
  components: 'components',
  severity: 'min_severity',
  maintenance: 'maintenance',
  earlyWarnings: 'early_warnings',
  checks: 'own_checks',
  confirm: 'confirm',
  reminder: 'reminder',
  mention: 'mention',
};
/** Each input's action id is its block id. */
const ACTION = BLOCK;

export interface UserGroup {
  id: string;
  handle: string;
}

export interface SettingsTarget {
  teamId: string;
  channelId: string;
}

const text = (value: string) => ({ type: 'plain_text' as const, text: value.slice(0, 75), emoji: true });
const option = (label: string, value: string): Option => ({ text: text(label), value });

function mentionValue(mention: MentionPolicy): string {
  return mention.kind === 'usergroup' ? `usergroup:${mention.id}` : mention.kind;
}

const pick = (options: Option[], value: string) => options.find((o) => o.value === value) ?? options[0];

/** One labelled input with a single choice (a select or radio buttons), its current value selected. */
function singleChoice(
  block: string,
  label: string,
  element: 'static_select' | 'radio_buttons',
  options: Option[],
  value: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: block,
    label: text(label),
    element: { type: element, action_id: block, options, initial_option: pick(options, value) },
  } as KnownBlock;
}

function componentsInput(subscription: Subscription, components: Component[]): KnownBlock {
  const options = components.slice(0, 100).map((c) => option(c.name, c.id));
  const selected = options.filter((o) => subscription.componentIds.includes(o.value ?? ''));
  return {
    type: 'input',
    block_id: BLOCK.components,
    optional: true,
    label: text('Components (leave empty for all)'),
    element: {
      type: 'multi_static_select',
      action_id: ACTION.components,
      placeholder: text('All components'),
      options: options.length > 0 ? options : [option('(status page not read yet)', 'none')],
      ...(selected.length > 0 ? { initial_options: selected } : {}),
    },
  };
}

/**
 * An on/off switch offered only where the feature runs (the probes, a checks file): elsewhere there is nothing to turn
 * off. Absent in the subscription means on.
 */
function switchInput(
  offered: boolean,
  block: string,
  label: string,
  [on, off]: [string, string],
  isOff: boolean,
): KnownBlock[] {
  if (!offered) return [];
  const choices = [option(on, 'on'), option(off, 'off')];
  return [singleChoice(block, label, 'radio_buttons', choices, isOff ? 'off' : 'on')];
}

/** The early-warnings and own-checks switches, each where its feature runs. */
function switchInputs(
  subscription: Subscription,
  options: { probes: boolean; checks?: boolean },
): KnownBlock[] {
  return [
    ...switchInput(
      options.probes,
      BLOCK.earlyWarnings,
      'Early warnings',
      ['Post early warnings (unconfirmed, from this bot’s probes)', 'No early warnings'],
      subscription.earlyWarnings === false,
    ),
    ...switchInput(
      options.checks === true,
      BLOCK.checks,
      'Own checks (CHECKS_FILE)',
      ['Post alerts of our own checks and jobs', 'No own-check alerts'],
      subscription.checks === false,
    ),
  ];
}

/** The flap guard's windows offered in the form (`set confirm <n>m` takes any minute from 1 to 60). */
const CONFIRM_CHOICES = [0, 1, 2, 5, 10, 15, 30];
/** Reminder leads offered in the form (`set reminder <n>m` takes any minute up to a day). */
const REMINDER_CHOICES = [0, 15, 30, 60, 120, 240, 1440];

/** A choice of minutes (0: off), with the current value offered even when it is not one of the usual ones. */
function minutesInput(
  block: string,
  label: string,
  usual: number[],
  currentMs: number,
  describe: (minutes: number) => string,
): KnownBlock {
  const current = Math.round(currentMs / 60_000);
  const minutes = usual.includes(current) ? usual : [...usual, current].sort((a, b) => a - b);
  const choices = minutes.map((m) => option(describe(m), String(m)));
  return singleChoice(block, label, 'static_select', choices, String(current));
}

const confirmInput = (subscription: Subscription) =>
  minutesInput(BLOCK.confirm, 'Flap guard', CONFIRM_CHOICES, subscription.confirmMs ?? 0, (m) =>
    m === 0 ? 'Post component changes at once' : `Hold component-only changes until they last ${m} min`,
  );

const reminderInput = (subscription: Subscription) =>
  minutesInput(
    BLOCK.reminder,
    'Reminder before scheduled maintenance',
    REMINDER_CHOICES,
    reminderMsOf(subscription),
    (m) =>
      m === 0 ? 'No reminder' : m % 60 === 0 ? `${m / 60} h before it starts` : `${m} min before it starts`,
  );

/** A submitted minutes field: undefined when absent (an older form), NaN-safe, within 0..max. */
function readMinutes(raw: string | undefined, max: number): number | 'bad' | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= max ? n * 60_000 : 'bad';
}

export function renderSettingsModal(
  subscription: Subscription,
  components: Component[],
  userGroups: UserGroup[],
  channelName: string,
  options: { probes: boolean; checks?: boolean } = { probes: false },
): ModalView {
  const mentionOptions = [
    option('No mentions', 'none'),
    option('@here', 'here'),
    option('@channel', 'channel'),
    ...userGroups.slice(0, 97).map((g) => option(`@${g.handle}`, `usergroup:${g.id}`)),
  ];
  const severityOptions = MIN_SEVERITY_CHOICES.map((c) => option(c.label, c.value));
  const onOff = [option('Post maintenance notices', 'on'), option('No maintenance notices', 'off')];
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK_ID,
    private_metadata: JSON.stringify({
      teamId: subscription.teamId,
      channelId: subscription.channelId,
    } satisfies SettingsTarget),
    title: text('Clerk status settings'),
    submit: text('Save'),
    close: text('Cancel'),
    blocks: [
      section(`What should *#${channelName.replace(/[<>&*_~`]/g, '')}* receive about Clerk?`),
      componentsInput(subscription, components),
      singleChoice(
        BLOCK.severity,
        'Minimum severity',
        'static_select',
        severityOptions,
        subscription.minSeverity,
      ),
      singleChoice(
        BLOCK.maintenance,
        'Maintenance',
        'radio_buttons',
        onOff,
        subscription.maintenance ? 'on' : 'off',
      ),
      reminderInput(subscription),
      confirmInput(subscription),
      ...switchInputs(subscription, options),
      singleChoice(
        BLOCK.mention,
        'Mention on a new incident or an escalation to major outage',
        'static_select',
        mentionOptions,
        mentionValue(subscription.mention),
      ),
    ],
  };
}

/** The `view.state.values` shape Slack sends on submission, reduced to what we read. */
export type ViewStateValues = Record<
  string,
  Record<
    string,
    { selected_options?: { value?: string }[] | null; selected_option?: { value?: string } | null }
  >
>;

export type SettingsForm =
  | {
      ok: true;
      target: SettingsTarget;
      componentIds: string[];
      minSeverity: Severity;
      maintenance: boolean;
      /** Undefined when the form did not offer it (probes off): the stored choice stays. */
      earlyWarnings?: boolean;
      /** Undefined when the form did not offer it (no checks file). */
      checks?: boolean;
      /** The flap guard's window; undefined when the form had no such field (an older form). */
      confirmMs?: number;
      /** The maintenance reminder's lead (0: off); undefined when the form had no such field. */
      reminderMs?: number;
      mention: MentionPolicy;
    }
  | { ok: false; errors: Record<string, string> };

export function readSettingsForm(
  privateMetadata: string,
  values: ViewStateValues,
  known: Component[],
): SettingsForm {
  let target: SettingsTarget;
  try {
    target = JSON.parse(privateMetadata) as SettingsTarget;
    if (typeof target.teamId !== 'string' || typeof target.channelId !== 'string')
      throw new Error('bad target');
  } catch {
    return {
      ok: false,
      errors: { [BLOCK.components]: 'This form has expired. Run /clerk-status settings again.' },
    };
  }
  const knownIds = new Set(known.map((c) => c.id));
  const componentIds = (values[BLOCK.components]?.[ACTION.components]?.selected_options ?? [])
    .map((o) => o.value ?? '')
    .filter((id) => knownIds.has(id));
  const severity = values[BLOCK.severity]?.[ACTION.severity]?.selected_option?.value ?? 'operational';
  const maintenance = values[BLOCK.maintenance]?.[ACTION.maintenance]?.selected_option?.value !== 'off';
  const warningsRaw = values[BLOCK.earlyWarnings]?.[ACTION.earlyWarnings]?.selected_option?.value;
  const checksRaw = values[BLOCK.checks]?.[ACTION.checks]?.selected_option?.value;
  const confirmMs = readMinutes(values[BLOCK.confirm]?.[ACTION.confirm]?.selected_option?.value, 60);
  const reminderMs = readMinutes(
    values[BLOCK.reminder]?.[ACTION.reminder]?.selected_option?.value,
    MAX_REMINDER_MS / 60_000,
  );
  const mentionRaw = values[BLOCK.mention]?.[ACTION.mention]?.selected_option?.value ?? 'none';
  const errors: Record<string, string> = {};
  if (!isSeverity(severity)) errors[BLOCK.severity] = 'Choose a severity from the list.';
  if (confirmMs === 'bad') errors[BLOCK.confirm] = 'Choose a flap guard window from the list.';
  if (reminderMs === 'bad') errors[BLOCK.reminder] = 'Choose a reminder from the list.';
  let mention: MentionPolicy = { kind: 'none' };
  if (mentionRaw === 'here' || mentionRaw === 'channel') mention = { kind: mentionRaw };
  else if (/^usergroup:S[A-Z0-9]+$/.test(mentionRaw))
    mention = { kind: 'usergroup', id: mentionRaw.slice('usergroup:'.length) };
  else if (mentionRaw !== 'none') errors[BLOCK.mention] = 'Choose who to mention from the list.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    target,
    componentIds,
    minSeverity: severity as Severity,
    maintenance,
    ...(warningsRaw === undefined ? {} : { earlyWarnings: warningsRaw !== 'off' }),
    ...(checksRaw === undefined ? {} : { checks: checksRaw !== 'off' }),
    ...(typeof confirmMs === 'number' ? { confirmMs } : {}),
    ...(typeof reminderMs === 'number' ? { reminderMs } : {}),
    mention,
  };
}
