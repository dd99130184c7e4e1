/** The early warning's other faces: console lines, the settings switch, and Slack's limits with hostile names. */
import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import type { WarningFacts } from '../../../src/core/events/warning.js';
import { MESSAGE_TEXT_MAX, SECTION_TEXT_MAX } from '../../../src/core/render/blocks.js';
import { renderConsoleLine } from '../../../src/core/render/console-line.js';
import { leadPhrase, renderConfirmedReply, renderWarning } from '../../../src/core/render/early-warning.js';
import { readSettingsForm, renderSettingsModal } from '../../../src/core/render/settings-modal.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const warning: WarningFacts = {
  id: 'early-warning:w',
  since: '2026-03-10T14:00:00.000Z',
  raisedAt: '2026-03-10T14:01:30.000Z',
  failing: [
    {
      family: 'backend',
      since: '2026-03-10T14:00:00.000Z',
      rounds: 4,
      results: [{ endpoint: 'backend.jwks', outcome: 'rate_limited', status: 429, latencyMs: 12 }],
    },
  ],
};

describe('early warning in console mode', () => {
  it.each([
    [
      { kind: 'warning.raised', id: 'a', at: warning.raisedAt, warning },
      'early warning  UNCONFIRMED: Clerk failing from here (Backend API /v1/jwks 429); the status page says nothing yet',
    ],
    [
      { kind: 'warning.cleared', id: 'b', at: warning.raisedAt, warning, durationMs: 300_000 },
      'early warning  cleared: Clerk healthy again after 5 min; Clerk posted nothing',
    ],
    [
      { kind: 'clerk.maintenance', id: 'c', at: warning.since, phase: 'started', since: warning.since },
      'clerk maintenance  Maintenance Mode on',
    ],
  ] as [BotEvent, string][])('%#: one readable line', (event, words) => {
    expect(renderConsoleLine(event)).toContain(words);
  });
});

describe('the lead, in words', () => {
  it.each([
    [9 * 60_000, 'the bot warned 9 min before the status page'],
    [40_000, 'the bot warned 40 s before the status page'],
    [2_000, 'the status page spoke at about the same time as the bot'],
    [-120_000, 'the status page spoke 120 s before the bot'],
  ])('%i ms → %s', (ms, words) => {
    expect(leadPhrase(ms)).toBe(words);
  });
});

describe('Slack limits and outside text', () => {
  it('keeps a confirmation with a huge hostile incident name within limits and inert', () => {
    const name = `<!here> ${'x'.repeat(10_000)}`;
    const reply = renderConfirmedReply(
      { id: 'i', name, url: 'https://status.clerk.com/incidents/i', postedAt: warning.since },
      60_000,
    );
    expect(reply.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_MAX);
    for (const block of reply.blocks)
      expect(JSON.stringify(block).length).toBeLessThan(SECTION_TEXT_MAX + 200);
    expect(JSON.stringify(reply)).not.toContain('<!here>');
    const edit = renderWarning(
      warning,
      {
        state: 'confirmed',
        incident: { id: 'i', name, url: 'https://status.clerk.com/incidents/i', postedAt: warning.since },
        leadMs: 1,
      },
      'https://status.clerk.com',
    );
    expect(edit.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_MAX);
    expect(JSON.stringify(edit)).not.toContain('<!here>');
  });
});

describe('the settings switch', () => {
  const sub = defaultSubscription('T', 'C', 'U', 'now');
  const values = (early?: string) => ({
    min_severity: { min_severity: { selected_option: { value: 'operational' } } },
    ...(early ? { early_warnings: { early_warnings: { selected_option: { value: early } } } } : {}),
  });
  const metadata = JSON.stringify({ teamId: 'T', channelId: 'C' });

  it('is offered only where the probes run, showing the channel’s choice', () => {
    expect(JSON.stringify(renderSettingsModal(sub, [], [], 'ops'))).not.toContain('early_warnings');
    const off = JSON.stringify(
      renderSettingsModal({ ...sub, earlyWarnings: false }, [], [], 'ops', { probes: true }),
    );
    expect(off).toContain('"block_id":"early_warnings"');
    expect(off).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"No early warnings"/);
  });

  it.each([
    ['on', true],
    ['off', false],
    [undefined, undefined],
  ])('reads %s as %s (absent keeps the stored choice)', (value, expected) => {
    const form = readSettingsForm(metadata, values(value), []);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.earlyWarnings).toBe(expected);
    expect('earlyWarnings' in form).toBe(expected !== undefined);
  });
});
