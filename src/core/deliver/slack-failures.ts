/**
 * What a failed Slack call means for a delivery, as data. Only failures that prove nothing was posted may be
 * retried blindly; anything ambiguous (a timeout, a reset, a 5xx after Slack may have accepted the post) keeps
 * its claim, so whoever retries looks the message up by its metadata before sending again.
 */
import { BotError } from '../errors.js';
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
  /** The app lacks a scope or permission: a configuration error; nothing is deleted, the delivery waits. */
  | 'config_error'
  /** The message itself was refused (too long, bad blocks): send it again re-rendered minimal, drop only then. */
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
  missing_scope: 'config_error',
  no_permission: 'config_error',
  not_allowed_token_type: 'config_error',
  team_access_not_granted: 'config_error',
  ekm_access_denied: 'config_error',
  message_not_found: 'message_gone',
  thread_not_found: 'message_gone',
  cant_update_message: 'message_gone',
  service_unavailable: 'not_posted',
  request_timeout: 'not_posted',
  // Slack: "It's possible some aspect of the operation succeeded before the error was raised."
  fatal_error: 'ambiguous',
  internal_error: 'ambiguous',
};

/**
 * With one configured bot token (no OAuth), a token Slack refuses is the operator's to fix (a typo, a rotation),
 * never a reason to delete anything: a configuration error, not a workspace that is gone.
 */
export function classifySlackError(code: string, singleToken = false): FailureClass {
  const failure = SLACK_ERROR_CLASSES[code] ?? 'rejected';
  return failure === 'workspace_gone' && singleToken ? 'config_error' : failure;
}

/** What the channel's sequence does after a step: go on, stop and retry later, or end the subscription. */
export type StepResult = 'done' | 'pending' | 'channel_gone' | 'workspace_gone' | 'message_gone';

/** What the step does next after a failed call: one of the results, or send it again re-rendered minimal. */
export type FailureNext = StepResult | 'rerender';

export interface FailureVerdict {
  /** release: nothing was posted, free the claim; keep: look it up before any resend; drop: never send it. */
  claim: 'release' | 'keep' | 'drop';
  result: FailureNext;
  /** The delivery metric's outcome, if this failure counts as one. */
  outcome?: 'rate_limited' | 'retried' | 'dropped' | 'config_error';
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
  // The subscription ends, and its subscriber is told (logged there, once).
  channel_gone: { claim: 'drop', result: 'channel_gone', outcome: 'dropped' },
  workspace_gone: { claim: 'release', result: 'workspace_gone', outcome: 'dropped' },
  // Reported once per workspace and code by the delivery's configuration report, not on every retry.
  config_error: { claim: 'release', result: 'pending', outcome: 'config_error' },
  // The claim stays ours: Slack posted nothing, and the minimal version is sent under the same claim.
  rejected: { claim: 'keep', result: 'rerender' },
};

/** After the minimal version was refused too: the only case an alert is ever dropped. */
export const REFUSED_TWICE: FailureVerdict = {
  claim: 'drop',
  result: 'done',
  outcome: 'dropped',
  log: {
    level: 'error',
    message: 'Slack refused a message twice, the second time re-rendered minimal; dropped it',
  },
};

/**
 * What a failed lookup (history/replies, after an unconfirmed post) means. A lookup is never a verdict on the
 * channel or the workspace: only the answer to the post or edit itself can end a subscription.
 * - cannot look: the bot cannot read this channel (not a member, or it cannot see it): post again, at least once;
 * - thread gone: the parent was deleted: start a new parent;
 * - configuration: a missing scope; wait, and report it;
 * - later: anything else (rate limits, timeouts, 5xx): wait and look again.
 */
export type LookupFailure = 'cannot_look' | 'thread_gone' | 'configuration' | 'later';

export function lookupFailure(failure: FailureClass): LookupFailure {
  if (failure === 'channel_gone') return 'cannot_look';
  if (failure === 'message_gone') return 'thread_gone';
  if (failure === 'config_error') return 'configuration';
  return 'later';
}

/** A Slack call that failed, classified by what it means for the delivery (the table above). */
export class SlackSendError extends BotError {
  constructor(
    readonly failure: FailureClass,
    readonly slackCode: string,
    message: string,
    readonly retryAfterMs?: number,
    cause?: unknown,
  ) {
    super('SLACK_API', message, { cause, details: { failure, slackCode } });
    this.name = 'SlackSendError';
  }
}
