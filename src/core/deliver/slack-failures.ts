/**
 * What a failed Slack call means for a delivery, as data. Only failures that prove nothing was posted may be
 * retried blindly; anything ambiguous (a timeout, a reset, a 5xx after Slack may have accepted the post) keeps
 * its claim, so whoever retries looks the message up by its metadata before sending again.
 */
export type FailureClass =
  /** Slack said 429: nothing was posted; wait Retry-After for this workspace. */
  | 'rate_limited'
  /** Nothing was posted, a later try may work (Slack's own fatal/internal errors with a definite answer). */
  | 'not_posted'
  /** We cannot know whether Slack posted it: look it up before sending again. */
  | 'ambiguous'
  /** The channel is gone or closed to us: drop its subscription. */
  | 'channel_gone'
  /** The workspace's token no longer works: drop the workspace. */
  | 'workspace_gone'
  /** The message to edit or reply to was deleted: start a new parent. */
  | 'message_gone'
  /** The message itself was refused (too long, bad blocks): drop it, never block the queue. */
  | 'rejected';

/** Slack's error codes by what they mean; a code not listed is a refusal of the message itself. */
const SLACK_ERROR_CLASSES: Record<string, FailureClass> = {
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',
  channel_not_found: 'channel_gone',
  is_archived: 'channel_gone',
  channel_is_archived: 'channel_gone',
  not_in_channel: 'channel_gone',
  restricted_action: 'channel_gone',
  account_inactive: 'workspace_gone',
  invalid_auth: 'workspace_gone',
  token_revoked: 'workspace_gone',
  token_expired: 'workspace_gone',
  not_authed: 'workspace_gone',
  team_access_not_granted: 'workspace_gone',
  no_permission: 'workspace_gone',
  missing_scope: 'workspace_gone',
  ekm_access_denied: 'workspace_gone',
  message_not_found: 'message_gone',
  thread_not_found: 'message_gone',
  cant_update_message: 'message_gone',
  service_unavailable: 'not_posted',
  request_timeout: 'not_posted',
  // Slack: "It's possible some aspect of the operation succeeded before the error was raised."
  fatal_error: 'ambiguous',
  internal_error: 'ambiguous',
};

export function classifySlackError(code: string): FailureClass {
  return SLACK_ERROR_CLASSES[code] ?? 'rejected';
}

/** What the channel's sequence does after a step: go on, stop and retry later, or end the subscription. */
export type StepResult = 'done' | 'pending' | 'channel_gone' | 'workspace_gone' | 'message_gone';

export interface FailureVerdict {
  /** release: nothing was posted, free the claim; keep: look it up before any resend; drop: never send it. */
  claim: 'release' | 'keep' | 'drop';
  result: StepResult;
  /** The delivery metric's outcome, if this failure counts as one. */
  outcome?: 'rate_limited' | 'retried' | 'dropped';
  log?: { level: 'warn' | 'error'; message: string };
}

export const FAILURE_VERDICTS: Record<FailureClass, FailureVerdict> = {
  rate_limited: { claim: 'release', result: 'pending', outcome: 'rate_limited' },
  not_posted: { claim: 'release', result: 'pending', outcome: 'retried' },
  ambiguous: {
    claim: 'keep',
    result: 'pending',
    outcome: 'retried',
    log: { level: 'warn', message: 'Slack did not confirm a post; will check before retrying' },
  },
  message_gone: {
    claim: 'release',
    result: 'message_gone',
    log: { level: 'warn', message: 'incident message was deleted in Slack; starting a new thread' },
  },
  channel_gone: {
    claim: 'drop',
    result: 'channel_gone',
    outcome: 'dropped',
    log: { level: 'warn', message: 'channel is gone or closed to the bot; removed its subscription' },
  },
  workspace_gone: { claim: 'release', result: 'workspace_gone', outcome: 'dropped' },
  rejected: {
    claim: 'drop',
    result: 'done',
    outcome: 'dropped',
    log: { level: 'error', message: 'Slack refused a message; dropped it' },
  },
};
