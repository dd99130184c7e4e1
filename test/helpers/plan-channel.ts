/** Plans events for one channel as delivery would, each step applied as if Slack accepted it (no Slack involved). */

import type { BotEvent } from '../../src/core/events/bot-event.js';
import { plan, threadIdsFor } from '../../src/core/plan/plan.js';
import { threadAfter } from '../../src/core/plan/thread-transitions.js';
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
      const next = step.threadId ? threadAfter(threads[step.threadId], step, `p${steps.length}`) : undefined;
      if (step.threadId && next) threads[step.threadId] = next;
    }
  }
  return steps;
}
