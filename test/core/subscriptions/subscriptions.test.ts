import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import type { Component } from '../../../src/core/events/page.js';
import { describeSubscription, renderUnknownComponents } from '../../../src/core/render/command-replies.js';
import { escapeText, link, quote } from '../../../src/core/render/mrkdwn.js';
import { readSettingsForm, renderSettingsModal } from '../../../src/core/render/settings-modal.js';
import { parseCommand } from '../../../src/core/subscriptions/command.js';
import { resolveComponents } from '../../../src/core/subscriptions/component-names.js';
import { eventSeverity, wants } from '../../../src/core/subscriptions/filters.js';
import { refusal } from '../../../src/core/subscriptions/permissions.js';
import { defaultSubscription, type Subscription } from '../../../src/core/subscriptions/subscription.js';
import { tipsFor } from '../../../src/core/tips.js';

const components: Component[] = [
  { id: 'c1', name: 'User and authentication', status: 'operational', position: 0 },
  { id: 'c2', name: 'Session management', status: 'operational', position: 1 },
  { id: 'c3', name: 'Webhooks', status: 'operational', position: 2 },
];

describe('command parsing', () => {
  it.each([
    ['', { kind: 'status', public: false }],
    ['status', { kind: 'status', public: false }],
    ['  Status   PUBLIC ', { kind: 'status', public: true }],
    ['subscribe', { kind: 'subscribe', components: [] }],
    [
      'subscribe Session management,  webhooks ,',
      { kind: 'subscribe', components: ['Session management', 'webhooks'] },
    ],
    ['unsubscribe', { kind: 'unsubscribe' }],
    ['settings', { kind: 'settings' }],
    ['HELP', { kind: 'help' }],
    ['status loud', { kind: 'invalid', reason: expect.stringContaining('public') }],
    ['unsubscribe now', { kind: 'invalid', reason: expect.stringContaining('no options') }],
    ['<!channel>', { kind: 'invalid', reason: 'I did not recognise that command.' }],
    ['x'.repeat(501), { kind: 'invalid', reason: 'That command is too long.' }],
    [
      `subscribe ${Array.from({ length: 31 }, (_, i) => `c${i}`).join(',')}`,
      { kind: 'invalid', reason: expect.any(String) },
    ],
  ])('reads %j', (text, intent) => {
    expect(parseCommand(text)).toEqual(intent);
  });

  it('never quotes the user text back in a reason', () => {
    const intent = parseCommand('<!here> drop table');
    expect(intent.kind === 'invalid' && intent.reason).not.toContain('<!here>');
  });
});

describe('component matching', () => {
  it.each([
    [['session management'], ['c2'], []],
    [['USER & AUTHENTICATION'], ['c1'], []],
    [['Webhooks', 'webhooks'], ['c3'], []],
    [['Teleporter', 'Webhooks'], ['c3'], ['Teleporter']],
  ])('matches %j', (names, ids, unknown) => {
    const result = resolveComponents(names, components);
    expect(result.matched.map((c) => c.id)).toEqual(ids);
    expect(result.unknown).toEqual(unknown);
  });

  it('escapes unknown names when listing the valid ones', () => {
    expect(renderUnknownComponents(['<!channel>'], components).text).toContain('“&lt;!channel&gt;”');
  });
});

const sub = (patch: Partial<Subscription>): Subscription => ({
  ...defaultSubscription('T', 'C', 'U', 'now'),
  ...patch,
});
const changed = (componentId: string, from: string, to: string): BotEvent =>
  ({
    kind: 'component.changed',
    id: 'x',
    at: 'now',
    componentId,
    name: componentId,
    from,
    to,
    incidentIds: [],
  }) as BotEvent;
const opened = (affected: { id: string; status: string }[], impact = 'minor'): BotEvent =>
  ({
    kind: 'incident.opened',
    id: 'i',
    at: 'now',
    incident: { id: 'i', name: 'n', status: 'investigating', impact, url: 'u', createdAt: 'now' },
    affected: affected.map((a) => ({ ...a, name: a.id })),
  }) as BotEvent;

describe('subscription filters', () => {
  it.each([
    ['everything passes the default', sub({}), changed('c1', 'operational', 'degraded_performance'), true],
    [
      'a filtered component passes',
      sub({ componentIds: ['c2'] }),
      changed('c2', 'operational', 'partial_outage'),
      true,
    ],
    [
      'another component does not',
      sub({ componentIds: ['c2'] }),
      changed('c1', 'operational', 'partial_outage'),
      false,
    ],
    [
      'below the minimum severity does not',
      sub({ minSeverity: 'partial' }),
      changed('c1', 'operational', 'degraded_performance'),
      false,
    ],
    [
      'a recovery from above the minimum does',
      sub({ minSeverity: 'partial' }),
      changed('c1', 'major_outage', 'operational'),
      true,
    ],
    [
      'an incident touching a filtered component does',
      sub({ componentIds: ['c2'] }),
      opened([{ id: 'c2', status: 'degraded_performance' }]),
      true,
    ],
    ['an incident naming no components reaches unfiltered channels', sub({}), opened([]), true],
    ['but not channels that follow specific components', sub({ componentIds: ['c2'] }), opened([]), false],
    [
      'an incident elsewhere does not',
      sub({ componentIds: ['c2'] }),
      opened([{ id: 'c1', status: 'major_outage' }]),
      false,
    ],
    [
      'maintenance is dropped when switched off',
      sub({ maintenance: false }),
      {
        kind: 'maintenance.started',
        id: 'm',
        at: 'now',
        maintenance: { id: 'm', name: 'm', status: 'in_progress', url: 'u', componentIds: [] },
      } as BotEvent,
      false,
    ],
    [
      'the status page going dark reaches everyone',
      sub({ componentIds: ['c2'], minSeverity: 'major' }),
      { kind: 'source.unreachable', id: 's', at: 'now', since: 'now', failures: 3, reason: 'r' } as BotEvent,
      true,
    ],
  ])('%s', (_label, subscription, event, expected) => {
    expect(wants(subscription, event)).toBe(expected);
  });

  it('rates an incident by its worst component, or its impact when it names none', () => {
    expect(eventSeverity(opened([{ id: 'c1', status: 'partial_outage' }]))).toBe('partial');
    expect(eventSeverity(opened([], 'critical'))).toBe('major');
  });

  it('describes a subscription the way the channel will experience it', () => {
    expect(
      describeSubscription(
        sub({
          componentIds: ['c2'],
          componentNames: ['Session management'],
          minSeverity: 'major',
          mention: { kind: 'here' },
        }),
      ),
    ).toBe(
      '*Session management*: major outage only, incidents with updates in threads, maintenance notices on (reminder 1 h before), mentioning @here when an incident opens or escalates to a major outage',
    );
  });
});

describe('permissions', () => {
  const channel = { isIm: false, isPrivate: false, isArchived: false, visible: true, botIsMember: true };
  const user = { id: 'U1', isGuest: false, isMember: true };
  it.each([
    ['a member', channel, user, [], undefined],
    ['a guest', channel, { ...user, isGuest: true }, [], 'guest'],
    ['a non-member', channel, { ...user, isMember: false }, [], 'not_member'],
    ['someone off the admin list', channel, user, ['U2'], 'not_admin'],
    ['someone on the admin list', channel, user, ['U1'], undefined],
    [
      'a private channel without the bot',
      { ...channel, isPrivate: true, botIsMember: false },
      user,
      [],
      'invite_me',
    ],
    ['an invisible channel', { ...channel, visible: false }, user, [], 'invite_me'],
    ['an archived channel', { ...channel, isArchived: true }, user, [], 'archived'],
    ['a DM', { ...channel, isIm: true }, user, [], 'dm'],
  ])('%s', (_label, c, u, admins, expected) => {
    expect(refusal(c, u, admins)).toBe(expected);
  });
});

describe('remediation tips', () => {
  it.each([
    [
      [{ id: 'a', name: 'User and authentication', status: 'partial_outage' }],
      /Fresh sign-ins and sign-ups fail/,
    ],
    // Session tokens refresh through the Frontend API: networkless verification does not help there.
    [
      [{ id: 'a', name: 'Session management', status: 'degraded_performance' }],
      /signed out at their next refresh/,
    ],
    // The Backend API (and its JWKS) down: networkless verification is what keeps servers accepting sessions.
    [[{ id: 'a', name: 'Platform API', status: 'major_outage' }], /networklessly/],
    [[{ id: 'a', name: 'Webhooks', status: 'partial_outage' }], /arrive late, not lost/],
    [[{ id: 'a', name: 'Email Delivery', status: 'major_outage' }], /offer another factor/],
    [[{ id: 'a', name: 'Platform API', status: 'partial_outage' }], /retry with backoff/],
  ] as const)('advises for %j', (affected, tip) => {
    expect(tipsFor([...affected]).join('\n')).toMatch(tip);
  });

  it('never offers networkless verification for Session management trouble alone', () => {
    const tips = tipsFor([{ id: 'a', name: 'Session management', status: 'major_outage' }]).join('\n');
    expect(tips).not.toMatch(/networklessly with/);
  });

  it('covers what is worst hit first: the DNS outage’s Email and SMS in major outage get their tips within 3', () => {
    const tips = tipsFor([
      { id: 'a', name: 'User and authentication', status: 'degraded_performance' },
      { id: 'b', name: 'Session management', status: 'degraded_performance' },
      { id: 'c', name: 'Webhooks', status: 'partial_outage' },
      { id: 'd', name: 'Email delivery', status: 'major_outage' },
      { id: 'e', name: 'SMS delivery', status: 'major_outage' },
    ]);
    expect(tips).toHaveLength(3);
    expect(tips[0]).toMatch(/Email codes/);
    expect(tips[1]).toMatch(/SMS codes/);
    expect(tips[2]).toMatch(/arrive late, not lost/); // then the partial outage, before the degradations
  });

  it('says nothing for operational components and keeps to a few lines', () => {
    expect(tipsFor([{ id: 'a', name: 'Webhooks', status: 'operational' }])).toEqual([]);
    const all = components.map((c) => ({ id: c.id, name: c.name, status: 'major_outage' as const }));
    expect(
      tipsFor([...all, { id: 'e', name: 'Email delivery', status: 'major_outage' }]).length,
    ).toBeLessThanOrEqual(4);
  });
});

describe('mrkdwn', () => {
  it('escapes control characters so outside text cannot mention or link', () => {
    expect(escapeText('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(link('https://s/x', 'a|b<c>')).toBe('<https://s/x|a¦b&lt;c&gt;>');
    expect(quote('one\n<two>')).toBe('>one\n>&lt;two&gt;');
  });
});

describe('settings form', () => {
  it('round-trips the modal: what it shows is what a submission reads back', () => {
    const subscription = sub({
      componentIds: ['c2'],
      minSeverity: 'partial',
      maintenance: false,
      mention: { kind: 'usergroup', id: 'S1' },
    });
    const view = renderSettingsModal(subscription, components, [{ id: 'S1', handle: 'oncall' }], 'ops');
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks as { type: string; block_id?: string; element?: unknown }[]) {
      if (block.type !== 'input') continue;
      const element = block.element as {
        action_id: string;
        initial_option?: unknown;
        initial_options?: unknown;
      };
      values[block.block_id as string] = {
        [element.action_id]: {
          selected_option: element.initial_option,
          selected_options: element.initial_options,
        },
      };
    }
    const form = readSettingsForm(view.private_metadata ?? '', values as never, components);
    expect(form).toEqual({
      ok: true,
      target: { teamId: 'T', channelId: 'C' },
      componentIds: ['c2'],
      minSeverity: 'partial',
      maintenance: false,
      confirmMs: 0, // the flap guard's field, shown off, reads back off
      reminderMs: 3_600_000, // the maintenance reminder, shown at its default, reads back as it
      mention: { kind: 'usergroup', id: 'S1' },
    });
  });

  it('rejects a forged metadata blob', () => {
    expect(readSettingsForm('not json', {}, components)).toMatchObject({ ok: false });
  });
});
