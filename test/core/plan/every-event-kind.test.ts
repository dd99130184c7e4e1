/**
 * Every event kind reaches a channel that follows everything, as at least one message that renders. The table is
 * typed by event kind, so a new kind without a sample does not compile, and a kind the planner forgets (or that
 * has no renderer) fails here instead of being posted nowhere.
 */

import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/core/render/message.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';
import { at, SAMPLES } from '../../helpers/event-samples.js';
import { planChannel } from '../../helpers/plan-channel.js';

describe('every event kind', () => {
  const everything = defaultSubscription('T', 'C', 'U', at);

  it.each(Object.entries(SAMPLES))(
    '%s is planned for a channel that follows everything, and renders',
    (_, s) => {
      const before = planChannel(s.before, everything).length;
      const steps = planChannel([...s.before, s.event], everything).slice(before);
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        const message = renderMessage(step.message);
        expect(message.text.trim().length).toBeGreaterThan(0);
        expect(message.blocks.length).toBeGreaterThan(0);
      }
    },
  );
});
