/**
 * The planner over the recorded timelines, simulated without Slack: every step succeeds, parents get
 * made-up timestamps, and each channel's transcript is compared with what an on-call engineer should see.
 */

import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { carryOver } from '../../../src/core/detect/carry-over.js';
import { diff } from '../../../src/core/detect/diff.js';
import { groupComponentChanges } from '../../../src/core/detect/group-changes.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import { plan } from '../../../src/core/plan/plan.js';
import { renderMessage } from '../../../src/core/render/message.js';
import { defaultSubscription, type Subscription } from '../../../src/core/subscriptions/subscription.js';
import { planChannel } from '../../helpers/plan-channel.js';

function eventsOf(name: string): BotEvent[] {
  const snapshots = timelineSnapshots(name);
  return snapshots.slice(1).flatMap((next, i) => {
    const previous = snapshots[i];
    if (!previous) return [];
    return groupComponentChanges(diff(previous, carryOver(previous, next)));
  });
}

const simulate = planChannel;

/** What a channel sees, one line per step: kind, ! when broadcast, @ when it mentions, then the first words. */
function transcript(events: BotEvent[], subscription: Subscription): string[] {
  return simulate(events, subscription).map((step) => {
    const mention = /<!here>|<!channel>|<!subteam/.test(renderMessage(step.message).text) ? ' @' : '';
    const words = renderMessage(step.message)
      .text.replace(/<![^>]+>\s*/g, '')
      .split(/ — |: /)
      .slice(0, 2)
      .join(': ')
      .slice(0, 60);
    return `${step.kind}${step.broadcast ? '!' : ''}${mention} ${words}`;
  });
}

const everything = defaultSubscription('T', 'A', 'U', 'now');
const sessionsOnly = {
  ...defaultSubscription('T', 'B', 'U', 'now'),
  componentIds: ['01KEZF96K0SYNTHC0000000002'],
  componentNames: ['Session management'],
};
const majorWithHere: Subscription = {
  ...defaultSubscription('T', 'C', 'U', 'now'),
  minSeverity: 'partial',
  mention: { kind: 'here' },
};

describe('planning the recorded timelines', () => {
  it('DNS outage, every change: one parent, every update threaded, escalation and resolution broadcast, edits only on change', () => {
    expect(transcript(eventsOf('clerk-2026-02-10-dns-outage'), everything)).toEqual([
      'parent Clerk incident: DNS Outage causing critical services to go d',
      'reply! DNS Outage causing critical services to go down: Investigati',
      'edit Clerk incident: DNS Outage causing critical services to go d',
      'reply DNS Outage causing critical services to go down: Investigati',
      'reply DNS Outage causing critical services to go down: Investigati',
      'reply DNS Outage causing critical services to go down: Investigati',
      'reply DNS Outage causing critical services to go down: Investigati',
      'edit Clerk incident: DNS Outage causing critical services to go d',
      'reply! Resolved after 2 h 8 min: DNS Outage causing critical servic',
      'edit Clerk incident: DNS Outage causing critical services to go d',
      'reply DNS Outage causing critical services to go down: update afte',
    ]);
  });

  it('DNS outage, partial-or-worse with @here: the thread starts at the escalation, with the mention', () => {
    const lines = transcript(eventsOf('clerk-2026-02-10-dns-outage'), majorWithHere);
    expect(lines[0]).toBe('parent @ Clerk incident: DNS Outage causing critical services to go d');
    expect(lines.filter((l) => l.includes(' @'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('parent'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('reply!'))).toEqual([
      'reply! Resolved after 2 h 8 min: DNS Outage causing critical servic',
    ]);
  });

  it('DNS outage never reaches a channel that follows only an unaffected component', () => {
    expect(transcript(eventsOf('clerk-2026-02-10-dns-outage'), sessionsOnly)).toEqual([]);
  });

  it('the /handshake incident reaches the Session management channel: a parent quoting Clerk, the recovery folded into the resolution', () => {
    expect(transcript(eventsOf('clerk-2026-04-26-handshake-endpoint'), sessionsOnly)).toEqual([
      'parent Clerk incident: /handshake endpoint failures',
      'reply! Resolved after 36 min: /handshake endpoint failures',
      'edit Clerk incident: /handshake endpoint failures',
    ]);
  });

  it('partial recovery edits the parent with the new affected list and keeps severity', () => {
    const lines = transcript(eventsOf('clerk-2026-03-20-degraded-performance'), everything);
    expect(lines.filter((l) => l.startsWith('parent'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('edit'))).toHaveLength(2); // monitoring (status + affected), resolved
    expect(lines.filter((l) => l.startsWith('reply!'))).toHaveLength(1); // only the resolution: degraded never escalates
    expect(lines.filter((l) => l.startsWith('post'))).toEqual([]);
  });

  it('gives every step of a channel a distinct key, the same on every run', () => {
    const keys = (events: BotEvent[]) => simulate(events, everything).map((step) => step.key);
    const events = eventsOf('clerk-2026-02-10-dns-outage');
    expect(new Set(keys(events)).size).toBe(keys(events).length);
    expect(keys(events)).toEqual(keys(events));
  });

  it('posts component changes with no incident open as one grouped message per poll', () => {
    const event: BotEvent = {
      kind: 'components.changed',
      id: 'components:x:2',
      at: '2026-06-01T00:00:00Z',
      changes: [
        { componentId: 'c1', name: 'Webhooks', from: 'operational', to: 'degraded_performance' },
        { componentId: 'c2', name: 'Email delivery', from: 'operational', to: 'major_outage' },
      ],
      incidentIds: [],
    };
    const steps = plan({ event, subscription: everything, threads: {}, statusPageUrl: 's' });
    expect(steps).toHaveLength(1);
    expect(steps[0]?.kind).toBe('post');
    expect(steps[0] && renderMessage(steps[0].message).text).toBe(
      'Clerk: Webhooks Operational → Degraded performance; Email delivery Operational → Major outage',
    );
    const filtered = plan({
      event,
      subscription: { ...everything, componentIds: ['c1'] },
      threads: {},
      statusPageUrl: 's',
    });
    expect(filtered[0] && renderMessage(filtered[0].message).text).toBe(
      'Clerk: Webhooks Operational → Degraded performance',
    );
  });
});
