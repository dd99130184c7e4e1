/** Plans events for one channel as delivery would, each step applied as if Slack accepted it (no Slack involved). */
import { threadAfter } from '../../src/core/deliver/thread-transitions.js';
import type { BotEvent } from '../../src/core/detect/events.js';
import { plan, threadIdsFor } from '../../src/core/plan/plan.js';
import type { Step, ThreadState } from '../../src/core/plan/types.js';
import type { Subscription } from '../../src/core/subscriptions/subscription.js';

export function planChannel(events: BotEvent[], subscription: Subscription): Step[] {
  const threads: Record<string, ThreadState> = {};
  const steps: Step[] = [];
  for (const event of events) {
    const relevant = Object.fromEntries(threadIdsFor(event).map((id) => [id, threads[id]]));
    for (const step of plan({
      event,
      subscription,
      threads: relevant,
      statusPageUrl: 'https://status.clerk.com',
    })) {
      steps.push(step);
      const next = step.incidentId
        ? threadAfter(threads[step.incidentId], step, `p${steps.length}`)
        : undefined;
      if (step.incidentId && next) threads[step.incidentId] = next;
    }
  }
  return steps;
}
