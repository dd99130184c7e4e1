/**
 * How a delivered step changes a channel's thread state: a parent starts (or restarts) the thread with the
 * ts Slack gave it; a reply or an edit merges its changes into the thread it belongs to. Used by delivery and
 * by the planner tests, so both apply exactly the same rule.
 */
import type { Step, ThreadState } from './types.js';

/** The thread after `step` succeeded with Slack's `ts`, or undefined when the step does not touch a thread. */
export function threadAfter(
  before: ThreadState | undefined,
  step: Step,
  ts: string,
): ThreadState | undefined {
  if (step.kind === 'parent' && step.starts) return { ...step.starts, parentTs: ts };
  if (!before || !step.thread) return undefined;
  if (before.story === 'incident') return { ...before, ...step.thread };
  // A warning's, a check's or a maintenance's thread only ever ends.
  return step.thread.resolved === undefined ? before : { ...before, resolved: step.thread.resolved };
}

/** The thread marked as having lost its parent: the next plan redraws one. */
export function threadGone(thread: ThreadState): ThreadState {
  return { ...thread, gone: true };
}
