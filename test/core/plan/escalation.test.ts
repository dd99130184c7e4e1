/**
 * What pages, over every recorded Clerk timeline and each ESCALATE_ON choice: which episodes trigger (counted by
 * hand from the fixtures' component statuses) and that each one that triggers is resolved later, never before.
 * Plus the early warning's and own checks' episodes, and dedup keys.
 */
import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { detect, type Seen } from '../../../src/core/detect/detect.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import { dedupKey, type EscalateOn, escalationsFor } from '../../../src/core/plan/escalation.js';
import { SAMPLES } from '../../helpers/event-samples.js';

const policy = { maxUpdateAgeMs: 1e12, unreachableAfter: 3 };

function eventsOf(name: string): BotEvent[] {
  let seen: Seen = { snapshot: undefined, health: undefined };
  const events: BotEvent[] = [];
  for (const snapshot of timelineSnapshots(name)) {
    const detection = detect(seen, { ok: true, snapshot }, Date.parse(snapshot.fetchedAt), policy);
    events.push(...detection.events);
    seen = { snapshot: detection.snapshot, health: detection.health };
  }
  return events;
}

/** The episodes triggered and resolved over a timeline, in order ("trigger:<episode>", "resolve:<episode>"). */
function pages(name: string, on: EscalateOn[]): string[] {
  const open = new Set<string>();
  const out: string[] = [];
  for (const event of eventsOf(name))
    for (const e of escalationsFor(event, on)) {
      if (e.action === 'trigger' && !open.has(e.episode)) {
        open.add(e.episode);
        out.push(`trigger:${e.episode}`);
      }
      if (e.action === 'resolve' && open.delete(e.episode)) out.push(`resolve:${e.episode}`);
    }
  return out;
}

describe('what pages over the recorded timelines', () => {
  // By hand: the DNS outage put components in major outage; the Platform API outage reached a partial outage; the
  // degraded-performance and /handshake incidents never went beyond degraded performance.
  it.each([
    ['clerk-2026-02-10-dns-outage', ['major'], 1],
    ['clerk-2026-02-10-dns-outage', ['partial'], 1],
    ['clerk-2026-04-22-platform-api-partial-outage', ['major'], 0],
    ['clerk-2026-04-22-platform-api-partial-outage', ['partial'], 1],
    ['clerk-2026-03-20-degraded-performance', ['partial'], 0],
    ['clerk-2026-04-26-handshake-endpoint', ['partial'], 0],
    ['clerk-2026-02-10-dns-outage', ['warning', 'checks'], 0],
  ] as const)('%s with %j: %i episode(s), each resolved after it triggered', (name, on, episodes) => {
    const seen = pages(name, [...on]);
    const triggers = seen.filter((s) => s.startsWith('trigger:'));
    expect(triggers).toHaveLength(episodes);
    for (const t of triggers) {
      const resolve = seen.indexOf(t.replace('trigger:', 'resolve:'));
      expect(resolve).toBeGreaterThan(seen.indexOf(t));
    }
  });

  it('the early warning and an own check page on their own words; a confirmed warning ends with its incident', () => {
    expect(escalationsFor(SAMPLES['warning.raised'].event, ['warning'])).toMatchObject([
      { action: 'trigger', severity: 'error', subject: { kind: 'warning' } },
    ]);
    expect(escalationsFor(SAMPLES['warning.raised'].event, ['major'])).toEqual([]);
    expect(escalationsFor(SAMPLES['warning.confirmed'].event, [])).toMatchObject([
      { action: 'link', episode: 'warning:w1', endsWith: 'incident:inc1' },
    ]);
    expect(escalationsFor(SAMPLES['check.failing'].event, ['checks'])).toMatchObject([
      { action: 'trigger', subject: { kind: 'check' } },
    ]);
    expect(escalationsFor(SAMPLES['check.recovered'].event, [])).toMatchObject([{ action: 'resolve' }]);
    expect(escalationsFor(SAMPLES['job.failed'].event, ['checks'])).toEqual([]);
  });

  it('dedup keys: the same for the same episode and opener, another for a reopening, never over 255', () => {
    expect(dedupKey('incident:abc', 'abc:opened')).toBe(dedupKey('incident:abc', 'abc:opened'));
    expect(dedupKey('incident:abc', 'abc:updated:2')).not.toBe(dedupKey('incident:abc', 'abc:opened'));
    expect(dedupKey(`incident:${'x'.repeat(400)}`, 'o').length).toBeLessThanOrEqual(255);
  });
});
