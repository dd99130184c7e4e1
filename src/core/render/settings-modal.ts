/** The `settings` modal and the pure reading of its submission. */
import type { ModalView, PlainTextOption as Option } from '@slack/types';
import type { Component, Severity } from '../model.js';
import { isSeverity } from '../severity.js';
import { type MentionPolicy, MIN_SEVERITY_CHOICES, type Subscription } from '../subscription.js';

export const SETTINGS_CALLBACK_ID = 'clerk_status_settings';
const BLOCK = {
  components: 'components',
  severity: 'min_severity',
  maintenance: 'maintenance',
  mention: 'mention',
};
const ACTION = {
  components: 'components',
  severity: 'min_severity',
  maintenance: 'maintenance',
  mention: 'mention',
};

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

export function renderSettingsModal(
  subscription: Subscription,
  components: Component[],
  userGroups: UserGroup[],
  channelName: string,
): ModalView {
  const componentOptions = components.slice(0, 100).map((c) => option(c.name, c.id));
  const selected = componentOptions.filter((o) => subscription.componentIds.includes(o.value ?? ''));
  const severityOptions = MIN_SEVERITY_CHOICES.map((c) => option(c.label, c.value));
  const mentionOptions = [
    option('No mentions', 'none'),
    option('@here', 'here'),
    option('@channel', 'channel'),
    ...userGroups.slice(0, 97).map((g) => option(`@${g.handle}`, `usergroup:${g.id}`)),
  ];
  const onOff = [option('Post maintenance notices', 'on'), option('No maintenance notices', 'off')];
  const pick = (options: Option[], value: string) => options.find((o) => o.value === value) ?? options[0];

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
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `What should *#${channelName.replace(/[<>&*_~`]/g, '')}* receive about Clerk?`,
        },
      },
      {
        type: 'input',
        block_id: BLOCK.components,
        optional: true,
        label: text('Components (leave empty for all)'),
        element: {
          type: 'multi_static_select',
          action_id: ACTION.components,
          placeholder: text('All components'),
          options:
            componentOptions.length > 0 ? componentOptions : [option('(status page not read yet)', 'none')],
          ...(selected.length > 0 ? { initial_options: selected } : {}),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.severity,
        label: text('Minimum severity'),
        element: {
          type: 'static_select',
          action_id: ACTION.severity,
          options: severityOptions,
          initial_option: pick(severityOptions, subscription.minSeverity),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.maintenance,
        label: text('Maintenance'),
        element: {
          type: 'radio_buttons',
          action_id: ACTION.maintenance,
          options: onOff,
          initial_option: pick(onOff, subscription.maintenance ? 'on' : 'off'),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.mention,
        label: text('Mention on a new incident or an escalation to major outage'),
        element: {
          type: 'static_select',
          action_id: ACTION.mention,
          options: mentionOptions,
          initial_option: pick(mentionOptions, mentionValue(subscription.mention)),
        },
      },
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
  const mentionRaw = values[BLOCK.mention]?.[ACTION.mention]?.selected_option?.value ?? 'none';
  const errors: Record<string, string> = {};
  if (!isSeverity(severity)) errors[BLOCK.severity] = 'Choose a severity from the list.';
  let mention: MentionPolicy = { kind: 'none' };
  if (mentionRaw === 'here' || mentionRaw === 'channel') mention = { kind: mentionRaw };
  else if (/^usergroup:S[A-Z0-9]+$/.test(mentionRaw))
    mention = { kind: 'usergroup', id: mentionRaw.slice('usergroup:'.length) };
  else if (mentionRaw !== 'none') errors[BLOCK.mention] = 'Choose who to mention from the list.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, target, componentIds, minSeverity: severity as Severity, maintenance, mention };
}
