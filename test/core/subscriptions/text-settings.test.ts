/** `/clerk-status set <key> <value>`: every key, its values, and bad input that changes nothing and says what is valid. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/subscriptions/command.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';
import { applySetting } from '../../../src/core/subscriptions/text-settings.js';

const sub = defaultSubscription('T', 'C', 'U', '2026-12-07T00:00:00Z');

describe('set', () => {
  it.each([
    ['severity', 'partial', { minSeverity: 'partial' }],
    ['severity', 'all', { minSeverity: 'operational' }],
    ['SEVERITY', 'Major', { minSeverity: 'major' }],
    ['maintenance', 'off', { maintenance: false }],
    ['reminder', '30m', { reminderMs: 1_800_000 }],
    ['reminder', '1440m', { reminderMs: 86_400_000 }],
    ['reminder', 'off', { reminderMs: 0 }],
    ['confirm', '2m', { confirmMs: 120_000 }],
    ['confirm', 'off', { confirmMs: 0 }],
    ['warnings', 'off', { earlyWarnings: false }],
    ['checks', 'off', { checks: false }],
    ['checks', 'on', { checks: true }],
    ['mention', 'here', { mention: { kind: 'here' } }],
    ['mention', 'none', { mention: { kind: 'none' } }],
    ['mention', '<!subteam^S0ONCALL|@oncall>', { mention: { kind: 'usergroup', id: 'S0ONCALL' } }],
  ] as const)('%s %s', (key, value, expected) => {
    const change = applySetting(sub, key, value);
    expect(change.ok && change.subscription).toMatchObject(expected);
  });

  it.each([
    ['colour', 'blue', /There is no setting `colour`.*severity.*mention/],
    ['severity', 'huge', /`severity` takes `all`, `degraded`, `partial` or `major`/],
    ['maintenance', 'maybe', /`maintenance` takes `on` or `off`/],
    ['confirm', '90m', /`confirm` takes `off` or minutes from 1 to 60/],
    ['reminder', '0m', /`reminder` takes `off` or minutes from 1 to 1440/],
    ['reminder', '1441m', /`reminder` takes `off` or minutes from 1 to 1440/],
    ['reminder', 'soon', /`reminder` takes `off` or minutes/],
    ['mention', '<@U123>', /`mention` takes `none`, `here`, `channel` or a user group/],
  ])('%s %s: refused, with the valid choices', (key, value, said) => {
    const change = applySetting(sub, key, value);
    expect(change.ok).toBe(false);
    expect(change.ok ? '' : change.reason).toMatch(said);
  });

  it('parses from the command, and asks for both parts', () => {
    expect(parseCommand('set severity partial')).toEqual({ kind: 'set', key: 'severity', value: 'partial' });
    expect(parseCommand('set mention <!subteam^S1|@x>')).toEqual({
      kind: 'set',
      key: 'mention',
      value: '<!subteam^S1|@x>',
    });
    expect(parseCommand('set severity')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('set')).toMatchObject({ kind: 'invalid' });
  });
});
