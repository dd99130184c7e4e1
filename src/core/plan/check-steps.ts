/**
 * The team's own checks and jobs → steps. A failing check is a thread of its own, keyed by the check and the slot of
 * its first failed run: the alert is its parent; a verdict change and the recovery reply in it and edit the parent.
 * A job that failed after its retries is one message. Channels that never got the alert get nothing about its end.
 */
import type { BotEvent } from '../events/bot-event.js';
import type { CheckFacts } from '../events/checks.js';
import { eventId } from '../events/ids.js';
import { wants } from '../subscriptions/filters.js';
import { postStep, replyStep } from './steps.js';
import type { NewThread, PlanInput, Step } from './types.js';

type CheckEvent = Extract<
  BotEvent,
  { kind: 'check.failing' | 'check.verdict' | 'check.recovered' | 'job.failed' }
>;

/** A check episode's thread id: the check's name and the slot of its first failed run. */
export function checkThreadId(name: string, since: string): string {
  return eventId('check', name, since);
}

function checkThread(check: CheckFacts): NewThread {
  return {
    story: 'check',
    threadId: checkThreadId(check.name, check.since),
    generation: 1,
    startedAt: check.since,
    resolved: false,
  };
}

export function planCheck(event: CheckEvent, input: PlanInput): Step[] {
  if (event.kind === 'job.failed')
    return wants(input.subscription, event)
      ? [postStep(`${event.id}:post`, { family: 'job.failed', job: event.job })]
      : [];
  if (event.kind === 'check.failing') {
    const threadId = checkThreadId(event.check.name, event.check.since);
    if (input.threads[threadId] || !wants(input.subscription, event)) return [];
    const message = { family: 'check' as const, check: event.check };
    return [
      { kind: 'parent', key: `${event.id}:parent`, threadId, message, starts: checkThread(event.check) },
    ];
  }
  const threadId = checkThreadId(event.check.name, event.check.since);
  const thread = input.threads[threadId];
  if (!thread || thread.gone) return [];
  const edit = (recoveredAfterMs?: number): Step => ({
    kind: 'edit',
    key: `${event.id}:edit:${thread.generation}`,
    threadId,
    message: {
      family: 'check',
      check: event.check,
      ...(recoveredAfterMs !== undefined ? { recoveredAfterMs } : {}),
    },
    ...(recoveredAfterMs !== undefined ? { thread: { resolved: true } } : {}),
  });
  if (event.kind === 'check.verdict')
    return [
      replyStep({
        key: `${event.id}:reply`,
        threadId,
        message: { family: 'check.verdict', check: event.check },
      }),
      edit(),
    ];
  const reply = { family: 'check.recovered' as const, check: event.check, durationMs: event.durationMs };
  return [replyStep({ key: `${event.id}:reply`, threadId, message: reply }), edit(event.durationMs)];
}
