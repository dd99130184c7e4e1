/**
 * "How long this usually takes": a new incident's parent carries one line from the history (when there are at least
 * three comparable incidents), every redraw while it is open keeps it, and the resolution edits it away.
 */
import { describe, expect, it } from 'vitest';
import { timelineSnapshots } from '../../../devkit/snapshots.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import { renderMessage } from '../../../src/core/render/message.js';
import { renderStatusReply } from '../../../src/core/render/status-reply.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';
import { at, SAMPLES } from '../../helpers/event-samples.js';
import { planChannel } from '../../helpers/plan-channel.js';

const typical = {
  count: 6,
  medianMs: 38 * 60_000,
  longestMs: 128 * 60_000,
  componentName: 'Session management',
};
const LINE =
  "Clerk's last 6 incidents affecting Session management cleared in a median of 38 min (longest 2 h 8 min)";

describe('how long this usually takes', () => {
  const sub = defaultSubscription('T', 'C', 'U', at);
  const opened = { ...SAMPLES['incident.opened'].event, typical } as BotEvent;
  const updated = SAMPLES['incident.updated'].event;
  const resolved = SAMPLES['incident.resolved'].event;
  const texts = (events: BotEvent[]) =>
    planChannel(events, sub)
      .filter((s) => s.message.family === 'incident.parent')
      .map((s) => JSON.stringify(renderMessage(s.message).blocks));

  it('shows on the parent and its redraws while open, and is edited away at resolution', () => {
    const [parent, ...edits] = texts([opened, updated, resolved]);
    expect(parent).toContain(LINE);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.slice(0, -1).every((e) => e.includes(LINE))).toBe(true);
    expect(edits.at(-1)).not.toContain(LINE);
  });

  it('the status reply carries it under the open incident too', () => {
    const snapshot = timelineSnapshots('clerk-2026-04-26-handshake-endpoint')[1];
    const open = snapshot?.incidents.find((i) => i.status !== 'resolved');
    if (!snapshot || !open) throw new Error('fixture');
    const reply = renderStatusReply({
      snapshot,
      lastCheckedAt: snapshot.fetchedAt,
      now: Date.parse(snapshot.fetchedAt),
      staleAfterMs: 1e9,
      statusPageUrl: 'https://status.clerk.com',
      typical: { [open.id]: typical },
    });
    expect(JSON.stringify(reply.blocks)).toContain(LINE);
  });

  it('is absent without enough history', () => {
    expect(texts([SAMPLES['incident.opened'].event])[0]).not.toContain('cleared in a median');
  });
});
