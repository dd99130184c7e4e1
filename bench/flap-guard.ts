/**
 * Noise the flap guard saves, over every recorded Clerk timeline: a channel following everything, with `confirm` off
 * and at 2 minutes. Each step is the page as recorded, at its recorded time; a held change is posted if the page
 * still shows it when its window ends (the next recorded step at or after that moment), else dropped. Counts every
 * message a channel receives; the delay is what the guard adds to each change it does post.
 */

import { snapshotOf } from '../devkit/snapshots.js';
import { loadTimeline, type Timeline, type TimelineStep, timelineNames } from '../devkit/timeline.js';
import { carryOver } from '../src/core/detect/carry-over.js';
import { diff } from '../src/core/detect/diff.js';
import { groupComponentChanges } from '../src/core/detect/group-changes.js';
import { defaultSubscription } from '../src/core/subscriptions/subscription.js';
import { planChannel } from '../test/helpers/plan-channel.js';
import type { BenchRow } from './run.js';

const CONFIRM_MS = 120_000;

/** A component flapping with no incident: Webhooks degraded for 45 s every 90 s for 10 minutes, then degraded for good. */
function flapping(): Timeline {
  const base = loadTimeline('clerk-2026-04-26-handshake-endpoint').steps[0] as TimelineStep;
  const start = Date.parse(base.fetchedAt);
  const steps = Array.from({ length: 30 }, (_, i): TimelineStep => {
    const summary = structuredClone(base.summary) as {
      components: { name: string; status: string; updated_at: string }[];
    };
    const at = new Date(start + i * 45_000).toISOString();
    const down = i >= 26 || i % 2 === 1;
    for (const c of summary.components)
      if (c.name === 'Webhooks')
        Object.assign(c, { status: down ? 'degraded_performance' : 'operational', updated_at: at });
    return { label: `t+${i * 45}s`, fetchedAt: at, summary, incidents: base.incidents };
  });
  return { name: 'synthetic: Webhooks flapping for 10 min, then degraded', description: '', steps };
}

function messagesFor(
  timeline: Timeline,
  confirmMs: number,
): { messages: number; held: number; posted: number } {
  const snapshots = timeline.steps.map((s) => snapshotOf(s.summary, s.incidents, s.fetchedAt));
  const times = timeline.steps.map((s) => Date.parse(s.fetchedAt));
  const events = snapshots.slice(1).flatMap((next, i) => {
    const previous = snapshots[i];
    return previous
      ? groupComponentChanges(diff(previous, carryOver(previous, next)), next.components.length)
      : [];
  });
  const subscription = { ...defaultSubscription('T', 'C', 'U', 'now'), confirmMs };
  const steps = planChannel(events, subscription);
  // The app's rule (app/deliver/held-changes.ts), replayed at each recorded poll: a hold per component keeps its first
  // `from`; a change back to it cancels the hold; what is still true when its window ends is posted.
  const holds = new Map<string, { from: string; to: string; dueAt: number }>();
  let held = 0;
  let posted = 0;
  const release = (now: number, i: number) => {
    for (const [id, h] of holds)
      if (h.dueAt <= now) {
        holds.delete(id);
        if (snapshots[i]?.components.find((c) => c.id === id)?.status === h.to) posted += 1;
      }
  };
  for (const step of steps.filter((s) => s.kind === 'hold')) {
    const due = Date.parse(step.hold?.dueAt ?? '');
    const seenAt = due - confirmMs;
    const index = times.findIndex((t) => t >= seenAt);
    release(seenAt, index);
    for (const c of step.hold?.changes ?? []) {
      held += 1;
      const from = holds.get(c.componentId)?.from ?? c.from;
      if (from === c.to) holds.delete(c.componentId);
      else holds.set(c.componentId, { from, to: c.to, dueAt: due });
    }
  }
  release(Number.POSITIVE_INFINITY, snapshots.length - 1);
  const sent = steps.filter((s) => s.kind !== 'hold' && s.kind !== 'edit').length + posted;
  return { messages: sent, held, posted };
}

export function flapGuardNoise(): BenchRow[] {
  return [...timelineNames().map((name) => loadTimeline(name)), flapping()].map((timeline) => {
    const off = messagesFor(timeline, 0);
    const on = messagesFor(timeline, CONFIRM_MS);
    return {
      name: `flap guard (confirm 2m): ${timeline.name}`,
      result: `${off.messages} messages with confirm off, ${on.messages} at 2 min (${on.held} component-only changes held, ${on.posted} posted 2 min late, the rest dropped as blips); incident messages never held`,
      ok: on.messages <= off.messages,
    };
  });
}
