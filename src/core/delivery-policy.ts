/**
 * What a failed Slack call means for a delivery. Only failures that prove nothing was posted may be retried
 * blindly; anything ambiguous (a timeout, a reset, a 5xx after Slack may have accepted the post) must be
 * looked up by its metadata before it is sent again.
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

const CHANNEL_GONE = new Set([
  'channel_not_found',
  'is_archived',
  'channel_is_archived',
  'not_in_channel',
  'restricted_action',
]);
const WORKSPACE_GONE = new Set([
  'account_inactive',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'team_access_not_granted',
  'no_permission',
  'missing_scope',
  'ekm_access_denied',
]);
const MESSAGE_GONE = new Set(['message_not_found', 'thread_not_found', 'cant_update_message']);
const NOT_POSTED = new Set(['service_unavailable', 'request_timeout']);
// Slack: "It's possible some aspect of the operation succeeded before the error was raised."
const MAYBE_POSTED = new Set(['fatal_error', 'internal_error']);

export function classifySlackError(code: string): FailureClass {
  if (code === 'ratelimited' || code === 'rate_limited') return 'rate_limited';
  if (CHANNEL_GONE.has(code)) return 'channel_gone';
  if (WORKSPACE_GONE.has(code)) return 'workspace_gone';
  if (MESSAGE_GONE.has(code)) return 'message_gone';
  if (NOT_POSTED.has(code)) return 'not_posted';
  if (MAYBE_POSTED.has(code)) return 'ambiguous';
  return 'rejected';
}
