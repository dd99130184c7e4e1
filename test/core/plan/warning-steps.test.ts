/** The early warning in one channel: what each event becomes, planned the way delivery plans it. */

import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import type { WarningFacts } from '../../../src/core/events/warning.js';
import { plan } from '../../../src/core/plan/plan.js';
import type { ThreadState } from '../../../src/core/plan/types.js';
import { renderMessage } from '../../../src/core/render/message.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';
import { planChannel } from '../../helpers/plan-channel.js';

const warning: WarningFacts = {
  id: 'early-warning:2026-03-10T14%3A00%3A00.000Z',
  since: '2026-03-10T14:00:00.000Z',
  raisedAt: '2026-03-10T14:01:30.000Z',
  failing: [
    {
      family: 'frontend',
      since: '2026-03-10T14:00:00.000Z',
      rounds: 4,
      results: [{ endpoint: 'frontend.health', outcome: 'http_5xx', status: 503, latencyMs: 20 }],
    },
    {
      family: 'backend',
      since: '2026-03-10T14:00:30.000Z',
      rounds: 3,
      results: [{ endpoint: 'backend.jwks', outcome: 'rate_limited', status: 429, latencyMs: 15 }],
    },
  ],
};
const hostileIncident = {
  id: 'inc1',
  name: 'Sign-ins failing <!channel> <https://evil.example|clerk.com>',
  url: 'https://status.clerk.com/incidents/inc1',
  postedAt: '2026-03-10T14:10:30.000Z',
};
const raised: BotEvent = {
  kind: 'warning.raised',
  id: `${warning.id}:raised`,
  at: warning.raisedAt,
  warning,
};
const updated: BotEvent = {
  kind: 'warning.updated',
  id: `${warning.id}:updated:x`,
  at: '2026-03-10T14:03:00.000Z',
  warning: { ...warning, asOf: '2026-03-10T14:03:00.000Z' },
};
const cleared: BotEvent = {
  kind: 'warning.cleared',
  id: `${warning.id}:cleared`,
  at: '2026-03-10T14:09:00.000Z',
  warning,
  durationMs: 7 * 60_000,
};
const confirmed: BotEvent = {
  kind: 'warning.confirmed',
  id: `${warning.id}:confirmed`,
  at: '2026-03-10T14:11:00.000Z',
  warning,
  incident: hostileIncident,
  leadMs: 9 * 60_000,
  wasCleared: false,
};
const everything = defaultSubscription('T', 'C1', 'U', 'now');
const noWarnings = { ...everything, earlyWarnings: false };
const messages = (steps: ReturnType<typeof planChannel>) =>
  steps.map((s) => JSON.stringify(renderMessage(s.message)));

describe('planning early warnings', () => {
  it.each([
    ['raised', [raised], ['parent']],
    ['raised, then cleared', [raised, cleared], ['parent', 'reply', 'edit']],
    ['raised, then confirmed', [raised, confirmed], ['parent', 'reply', 'edit']],
    // A warning is one message per channel, however often the event comes.
    ['raised twice', [raised, raised], ['parent']],
    // Another family failing later redraws the warning: an edit, which notifies nobody.
    ['raised, then updated', [raised, updated], ['parent', 'edit']],
    ['updated alone', [updated], []],
    // A channel that never got the warning hears nothing about its end.
    ['cleared alone', [cleared], []],
    ['confirmed alone', [confirmed], []],
  ])('%s', (_, events, kinds) => {
    expect(planChannel(events, everything).map((s) => s.kind)).toEqual(kinds);
  });

  it('posts nothing where early warnings are off', () => {
    expect(planChannel([raised, cleared], noWarnings)).toEqual([]);
  });

  it('labels the warning unconfirmed, says what fails and how, what to do, and offers the two votes; mentions nobody', () => {
    const [parent] = planChannel([raised], { ...everything, mention: { kind: 'channel' } });
    const body = JSON.stringify(parent && renderMessage(parent.message));
    expect(parent && renderMessage(parent.message).text).toMatch(
      /^Early warning \(unconfirmed\): Clerk's Frontend API and Backend API failing from here/,
    );
    expect(body).toContain('Frontend API /v1/health: 503 for 90 s');
    expect(body).toContain('Backend API /v1/jwks: 429 for 60 s');
    expect(body).toContain('says nothing yet');
    expect(body).toMatch(/jwtKey/);
    expect(body).toContain('early_warning_seeing');
    expect(body).toContain('early_warning_not_affected');
    expect(body).not.toMatch(/<!channel>|<!here>/);
  });

  it('confirms in the thread with the lead and a link to the incident’s parent in this channel, as text only', () => {
    const incidentThread: ThreadState = {
      story: 'incident',
      threadId: 'inc1',
      parentTs: '1773151830.000200',
      generation: 1,
      status: 'investigating',
      severity: 'major',
      affectedKey: '',
      affectedIds: [],
      name: 'x',
      startedAt: hostileIncident.postedAt,
      resolved: false,
      mentioned: false,
    };
    const threads = {
      [warning.id]: { ...incidentThread, incidentId: warning.id, parentTs: '1773151290.000100' },
      inc1: incidentThread,
    };
    const steps = plan({
      event: confirmed,
      subscription: everything,
      threads,
      statusPageUrl: 'https://status.clerk.com',
      teamUrl: 'https://acme.slack.com/',
      votes: { [warning.id]: { seeing: 3, notAffected: 1 } },
    });
    expect(steps.map((s) => s.kind)).toEqual(['reply', 'edit']);
    const [reply, edit] = messages(steps);
    expect(reply).toContain('the bot warned 9 min before the status page');
    expect(reply).toContain('https://acme.slack.com/archives/C1/p1773151830000200');
    expect(edit).toContain('Early warning confirmed');
    expect(edit).toContain('3 seeing it too · 1 not affected here');
    expect(edit).not.toContain('early_warning_seeing'); // no buttons once it is over
    for (const text of [reply, edit]) {
      expect(text).not.toMatch(/<!channel>|<https:\/\/evil/);
      expect(text).toContain('&lt;!channel&gt;');
    }
  });

  it('redraws an updated warning with each failure as of the update, still unconfirmed, buttons kept', () => {
    const [, edit] = messages(planChannel([raised, updated], everything));
    expect(edit).toContain('Frontend API /v1/health: 503 for 180 s'.replace('180 s', '3 min'));
    expect(edit).toContain('Backend API /v1/jwks: 429 for 150 s');
    expect(edit).toContain('Early warning (unconfirmed)');
    expect(edit).toContain('early_warning_seeing');
  });

  it('edits a cleared warning to say how long it lasted and that Clerk posted nothing', () => {
    const [, reply, edit] = messages(planChannel([raised, cleared], everything));
    expect(reply).toContain('The warning lasted 7 min');
    expect(edit).toContain('Early warning cleared');
    expect(edit).toContain('posted nothing');
  });

  it('announces Clerk’s Maintenance Mode where early warnings are on', () => {
    const on: BotEvent = {
      kind: 'clerk.maintenance',
      id: 'm:on',
      at: warning.since,
      phase: 'started',
      since: warning.since,
    };
    const off: BotEvent = { ...on, id: 'm:off', phase: 'ended', durationMs: 3_600_000 };
    const steps = planChannel([on, off], everything);
    expect(steps.map((s) => renderMessage(s.message).text)).toEqual([
      expect.stringContaining('Maintenance Mode is on'),
      expect.stringContaining('off* again after 1 h'),
    ]);
    expect(planChannel([on, off], noWarnings)).toEqual([]);
  });
});
