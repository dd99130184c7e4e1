/**
 * The headline every surface leads with, over every step of every recorded Clerk timeline: an open incident never
 * shows the success emoji (even before Clerk names a component), the severity is never below what the components
 * show, and an early warning on a silent page leads, labelled unconfirmed.
 */
import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { loadTimeline, timelineNames } from '../../../devkit/timeline.js';
import type { SignalState } from '../../../src/core/early-warning/signal.js';
import { isClosed } from '../../../src/core/events/page.js';
import { severityRank, worstSeverity } from '../../../src/core/events/severity.js';
import { renderConsoleSummary } from '../../../src/core/render/console-line.js';
import { SEVERITY_EMOJI } from '../../../src/core/render/emoji.js';
import { headlineOf } from '../../../src/core/render/headline.js';
import { renderHomeView } from '../../../src/core/render/home-view.js';
import { renderStatusReply } from '../../../src/core/render/status-reply.js';
import { wants } from '../../../src/core/subscriptions/filters.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const steps = timelineNames().flatMap((name) =>
  timelineSnapshots(name).map(
    (snapshot, i) => [`${name} step ${i} (${loadTimeline(name).steps[i]?.label})`, snapshot] as const,
  ),
);
const WARNING = { phase: 'warning', failing: {}, healthyRounds: 0 } as unknown as SignalState;

describe('the headline, over every recorded step', () => {
  it.each(steps)('%s', (_name, snapshot) => {
    const open = snapshot.incidents.filter((i) => !isClosed(i));
    const headline = headlineOf(snapshot);
    if (open.length > 0) {
      expect(headline.emoji).not.toBe(SEVERITY_EMOJI.operational);
      expect(severityRank(headline.severity)).toBeGreaterThanOrEqual(severityRank('degraded'));
    }
    expect(severityRank(headline.severity)).toBeGreaterThanOrEqual(
      severityRank(worstSeverity(snapshot.components.map((c) => c.status))),
    );
    // Every surface leads with it.
    const reply = renderStatusReply({
      snapshot,
      lastCheckedAt: undefined,
      now: 0,
      staleAfterMs: 1e9,
      statusPageUrl: 'https://status.clerk.com',
    });
    const home = renderHomeView({
      snapshot,
      lastCheckedAt: undefined,
      now: 0,
      subscriptions: [],
      statusPageUrl: 'https://status.clerk.com',
    });
    for (const blocks of [reply.blocks, home.blocks]) {
      const lead = JSON.stringify((blocks ?? []).find((b) => b.type === 'section'));
      expect(lead).toContain(headline.emoji);
      if (open.length > 0) expect(lead).not.toContain(':white_check_mark:');
    }
    // The console's first line too: the same words, never "operational" while an incident is open.
    const consoleLine = renderConsoleSummary(snapshot, '2026-02-10T10:00:00.000Z');
    expect(consoleLine).toContain(headline.words.slice(0, 30));
    if (open.length > 0) expect(consoleLine).not.toMatch(/operational\./);
  });

  it('an open incident that names no component yet: at least degraded, and says so', () => {
    const dns = timelineSnapshots('clerk-2026-02-10-dns-outage');
    const early = dns.find(
      (s) => s.incidents.some((i) => !isClosed(i)) && s.components.every((c) => c.status === 'operational'),
    );
    expect(early).toBeDefined();
    if (!early) return;
    const headline = headlineOf(early);
    expect(headline.words).toMatch(/1 open incident .*no component named yet/);
    expect(headline.emoji).toBe(SEVERITY_EMOJI.degraded);
  });

  it('an early warning on a silent page leads the status reply, unconfirmed', () => {
    const quiet = timelineSnapshots('clerk-2026-04-26-handshake-endpoint')[0];
    if (!quiet) throw new Error('fixture');
    expect(headlineOf(quiet).emoji).toBe(SEVERITY_EMOJI.operational);
    const warned = headlineOf(quiet, WARNING);
    expect(warned).toMatchObject({ unconfirmed: true });
    expect(warned.words).toMatch(/^Unconfirmed/);
    const reply = renderStatusReply({
      snapshot: quiet,
      lastCheckedAt: undefined,
      now: 0,
      staleAfterMs: 1e9,
      statusPageUrl: 'https://status.clerk.com',
      probes: WARNING,
    });
    expect(reply.text).toMatch(/^Unconfirmed/);
    expect(JSON.stringify(reply.blocks)).not.toContain('All Clerk systems are operational');
  });
});

describe('the severity filter for an incident that names no component yet', () => {
  const dns = timelineSnapshots('clerk-2026-02-10-dns-outage');
  const early = dns[1];
  const incident = early?.incidents[0];
  it.each([
    ['operational', true],
    ['degraded', true],
    ['partial', false],
    ['major', false],
  ] as const)('a channel at minimum %s gets it: %s', (minSeverity, gets) => {
    if (!incident) throw new Error('fixture');
    const event = {
      kind: 'incident.opened' as const,
      id: 'i',
      at: incident.createdAt,
      incident: {
        id: incident.id,
        name: incident.name,
        status: incident.status,
        impact: 'none' as const,
        url: incident.url,
        createdAt: incident.createdAt,
      },
      affected: [],
    };
    expect(wants({ ...defaultSubscription('T', 'C', 'U', 'x'), minSeverity }, event as never)).toBe(gets);
  });
});
