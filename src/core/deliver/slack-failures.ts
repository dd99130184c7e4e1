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

/**
 * Slack's documented error codes of every method the bot calls (chat.postMessage, chat.update, chat.delete,
 * conversations.history, .replies, .join, .open), each by what it means for a delivery. A code not listed is
 * transient until proven otherwise (see classifySlackError), never a refusal.
 */
const SLACK_ERROR_CLASSES: Record<string, FailureClass> = {
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',
  // Slack answered, and did nothing: a later try may work. A workspace moving into an Enterprise org, members
  // sending too many messages, an enterprise login required, a channel migrating.
  service_unavailable: 'not_posted',
  request_timeout: 'not_posted',
  message_limit_exceeded: 'not_posted',
  team_added_to_org: 'not_posted',
  org_login_required: 'not_posted',
  accesslimited: 'not_posted',
  external_channel_migrating: 'not_posted',
  update_failed: 'not_posted',
  invalid_cursor: 'not_posted',
  // Slack: "It's possible some aspect of the operation succeeded before the error was raised."
  fatal_error: 'ambiguous',
  internal_error: 'ambiguous',
  // The channel is gone, or closed to this bot's posts (the subscriber is told, and the subscription ends).
  channel_not_found: 'channel_gone',
  is_archived: 'channel_gone',
  channel_is_archived: 'channel_gone',
  not_in_channel: 'channel_gone',
  restricted_action: 'channel_gone',
  restricted_action_read_only_channel: 'channel_gone',
  restricted_action_thread_only_channel: 'channel_gone',
  restricted_action_non_threadable_channel: 'channel_gone',
  posting_to_channel_denied: 'channel_gone',
  posting_to_general_channel_denied: 'channel_gone',
  messages_tab_disabled: 'channel_gone',
  channel_is_limited_access: 'channel_gone',
  method_not_supported_for_channel_type: 'channel_gone',
  is_inactive: 'channel_gone',
  too_many_members: 'channel_gone',
  user_not_found: 'channel_gone',
  user_disabled: 'channel_gone',
  user_not_visible: 'channel_gone',
  // The workspace's token no longer works.
  account_inactive: 'workspace_gone',
  invalid_auth: 'workspace_gone',
  token_revoked: 'workspace_gone',
  token_expired: 'workspace_gone',
  not_authed: 'workspace_gone',
  team_not_found: 'workspace_gone',
  // The app's setup: a scope, a permission, a workspace policy. Nothing is deleted; deliveries wait, reported.
  missing_scope: 'config_error',
  no_permission: 'config_error',
  not_allowed_token_type: 'config_error',
  team_access_not_granted: 'config_error',
  ekm_access_denied: 'config_error',
  access_denied: 'config_error',
  app_access_restricted: 'config_error',
  enterprise_is_restricted: 'config_error',
  two_factor_setup_required: 'config_error',
  is_bot: 'config_error',
  as_user_not_supported: 'config_error',
  send_on_behalf_not_allowed: 'config_error',
  method_deprecated: 'config_error',
  deprecated_endpoint: 'config_error',
  unknown_method: 'config_error',
  invalid_metadata_filter_keys: 'config_error',
  // The message to edit or reply to is gone (or closed to replies): start a new parent.
  message_not_found: 'message_gone',
  thread_not_found: 'message_gone',
  cant_update_message: 'message_gone',
  cannot_reply_to_message: 'message_gone',
  restricted_action_thread_locked: 'message_gone',
  edit_window_closed: 'message_gone',
  // The message itself (or the request as built) was refused: sent again re-rendered minimal, dropped only then.
  msg_too_long: 'rejected',
  msg_blocks_too_long: 'rejected',
  no_text: 'rejected',
  invalid_blocks: 'rejected',
  invalid_blocks_format: 'rejected',
  block_mismatch: 'rejected',
  too_many_attachments: 'rejected',
  invalid_attachments: 'rejected',
  attachment_payload_limit_exceeded: 'rejected',
  too_many_contact_cards: 'rejected',
  invalid_metadata_format: 'rejected',
  invalid_metadata_schema: 'rejected',
  metadata_too_large: 'rejected',
  metadata_must_be_sent_from_app: 'rejected',
  markdown_text_conflict: 'rejected',
  cant_broadcast_message: 'rejected',
  no_dual_broadcast_content_update: 'rejected',
  slack_connect_canvas_sharing_blocked: 'rejected',
  slack_connect_file_link_sharing_blocked: 'rejected',
  slack_connect_lists_sharing_blocked: 'rejected',
  slack_connect_clip_sharing_blocked: 'rejected',
  invalid_arguments: 'rejected',
  invalid_arg_name: 'rejected',
  invalid_array_arg: 'rejected',
  invalid_charset: 'rejected',
  invalid_form_data: 'rejected',
  invalid_post_type: 'rejected',
  missing_post_type: 'rejected',
  invalid_ts_latest: 'rejected',
  invalid_ts_oldest: 'rejected',
  cant_delete_message: 'rejected',
  invalid_user_combination: 'rejected',
  not_enough_users: 'rejected',
  too_many_users: 'rejected',
  users_list_not_supplied: 'rejected',
  // Drafts, files, streams and lists: arguments the bot never sends. Slack answering one means the request as
  // built is wrong for Slack: the message is refused, re-rendered minimal (which has none of them).
  draft_already_deleted: 'rejected',
  draft_already_sent: 'rejected',
  draft_has_conflict: 'rejected',
  draft_not_found: 'rejected',
  duplicate_channel_not_found: 'rejected',
  duplicate_message_not_found: 'rejected',
  missing_file_data: 'rejected',
  blocked_file_type: 'rejected',
  file_deleted: 'rejected',
  file_is_deleted: 'rejected',
  file_not_found: 'rejected',
  file_share_limit_reached: 'rejected',
  max_file_sharing_exceeded: 'rejected',
  slack_connect_blocked_file_type: 'rejected',
  slack_connect_file_upload_sharing_blocked: 'rejected',
  streaming_state_conflict: 'rejected',
  unable_to_share_files: 'rejected',
  // A thread lookup on a list record's comments: nothing the bot posts; look again later.
  list_record_comment_fetch_failed: 'not_posted',
};

/** Whether Slack documents this code (and the bot classifies it on purpose). */
export function isKnownSlackError(code: string): boolean {
  return Object.hasOwn(SLACK_ERROR_CLASSES, code);
}

/**
 * With one configured bot token (no OAuth), a token Slack refuses is the operator's to fix (a typo, a rotation),
 * never a reason to delete anything: a configuration error, not a workspace that is gone.
 */
export function classifySlackError(code: string, singleToken = false): FailureClass {
  // A code the bot does not know is transient until proven otherwise: Slack may have done it, so look before sending
  // again; it is never taken as a refusal (that would drop an alert on Slack's next new error name).
  const failure = SLACK_ERROR_CLASSES[code] ?? 'ambiguous';
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
