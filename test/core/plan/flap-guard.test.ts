/** The flap guard in the planner: component-only changes are held in a channel with `confirm`; incidents never are. */
import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import { plan } from '../../../src/core/plan/plan.js';
import type { IncidentThread } from '../../../src/core/plan/types.js';
import { readSettingsForm, renderSettingsModal } from '../../../src/core/render/settings-modal.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const at = '2026-12-07T10:00:00.000Z';
const guarded = { ...defaultSubscription('T', 'C', 'U', at), confirmMs: 120_000 };
const change = { componentId: 'c1', name: 'Webhooks', from: 'operational', to: 'partial_outage' } as const;
const incident = {
  id: 'i1',
  name: 'Webhooks delayed',
  status: 'investigating',
  impact: 'minor',
  url: 'https://status.clerk.com/incidents/i1',
  createdAt: at,
} as const;
const thread: IncidentThread = {
  story: 'incident',
  threadId: 'i1',
  parentTs: '1.1',
  generation: 1,
  startedAt: at,
  resolved: false,
  status: 'investigating',
  severity: 'degraded',
  affectedKey: '',
  affectedIds: [],
  name: 'Webhooks delayed',
  mentioned: false,
};
const input = (event: BotEvent, threads = {}) => ({
  event,
  subscription: guarded,
  threads,
  statusPageUrl: 'https://status.clerk.com',
});

describe('the flap guard when planning', () => {
  it.each([
    [
      'a component-only change is held until it lasted the window',
      { kind: 'components.changed', id: 'e1', at, changes: [change], incidentIds: [] },
      {},
      'hold',
    ],
    [
      'a change inside a followed incident goes to its thread at once',
      { kind: 'components.changed', id: 'e2', at, changes: [change], incidentIds: ['i1'] },
      { i1: thread },
      'reply',
    ],
    [
      'an incident is never held',
      { kind: 'incident.opened', id: 'e3', at, incident, affected: [] },
      {},
      'parent',
    ],
  ] as [string, BotEvent, Record<string, IncidentThread>, string][])('%s', (_name, event, threads, kind) => {
    const steps = plan(input(event, threads));
    expect(steps.map((s) => s.kind)).toEqual([kind]);
    if (kind === 'hold')
      expect(steps[0]?.hold).toEqual({ changes: [change], dueAt: '2026-12-07T10:02:00.000Z' });
  });

  it('a channel without it gets the change at once', () => {
    const event: BotEvent = { kind: 'components.changed', id: 'e1', at, changes: [change], incidentIds: [] };
    expect(
      plan({ ...input(event), subscription: defaultSubscription('T', 'C', 'U', at) }).map((s) => s.kind),
    ).toEqual(['post']);
  });
});

describe('the flap guard in the settings modal', () => {
  it('shows the window and reads a choice back; a forged value is refused', () => {
    const view = renderSettingsModal(guarded, [], [], 'ops');
    expect(JSON.stringify(view.blocks)).toContain('Hold component-only changes until they last 2 min');
    const meta = JSON.stringify({ teamId: 'T', channelId: 'C' });
    const chosen = (value: string) => ({ confirm: { confirm: { selected_option: { value } } } });
    const five = readSettingsForm(meta, chosen('5'), []);
    expect(five.ok && five.confirmMs).toBe(300_000);
    expect(readSettingsForm(meta, chosen('9999'), [])).toMatchObject({ ok: false });
  });
});
