/**
 * What a channel that follows everything ends up reading, over every recorded Clerk timeline: Clerk's first words
 * appear exactly once (quoted by the parent, kept through its edits), every later update once, no "X → X", and
 * the message count per incident stays small (component changes fold into the message that already shows them).
 */

import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import { timelineNames } from '../../../devkit/timeline.js';
import { carryOver } from '../../../src/core/detect/carry-over.js';
import { diff } from '../../../src/core/detect/diff.js';
import { groupComponentChanges } from '../../../src/core/detect/group-changes.js';
import { renderMessage } from '../../../src/core/render/message.js';
import { firstLine } from '../../../src/core/render/text.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';
import { planChannel } from '../../helpers/plan-channel.js';

/** The channel as it reads at the end: each parent in its last version, then the other messages. */
function channel(name: string) {
  const snapshots = timelineSnapshots(name);
  const events = snapshots.slice(1).flatMap((next, i) => {
    const previous = snapshots[i];
    return previous
      ? groupComponentChanges(diff(previous, carryOver(previous, next)), next.components.length)
      : [];
  });
  const steps = planChannel(events, defaultSubscription('T', 'C', 'U', 'now'));
  const parents = new Map(
    steps.filter((s) => s.kind === 'parent' || s.kind === 'edit').map((s) => [s.threadId, s]),
  );
  const others = steps.filter((s) => s.kind !== 'parent' && s.kind !== 'edit');
  const read = [...parents.values(), ...others].map((s) => {
    const message = renderMessage(s.message);
    return JSON.stringify(message.blocks) + message.text;
  });
  return { read, messages: parents.size + others.length, incident: snapshots.at(-1)?.incidents[0] };
}

describe.each(timelineNames())('%s, read by a channel that follows everything', (name) => {
  const { read, incident, messages } = channel(name);

  it("shows Clerk's first words exactly once, and every later update once", () => {
    for (const update of incident?.updates ?? []) {
      const words = firstLine(update.body, 60)
        .replace(/[`*_<>&]/g, '')
        .slice(0, 40)
        .trim();
      if (!words) continue;
      const seen = read.filter((m) => m.replace(/[`*_]/g, '').includes(words)).length;
      expect(seen, words).toBe(1);
    }
  });

  it('never says a status changed into itself', () => {
    for (const m of read)
      expect(m).not.toMatch(
        /\b(Investigating|Identified|Monitoring|Resolved|Operational|Degraded performance|Partial outage|Major outage) → \*?\1\b/,
      );
  });

  it('keeps the thread short', () => {
    expect(messages).toBeLessThanOrEqual((incident?.updates.length ?? 0) + 2);
  });
});
