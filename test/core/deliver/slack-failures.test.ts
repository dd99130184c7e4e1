/**
 * The failure table over every error Slack documents for the methods the bot calls (test/fixtures/
 * slack-method-errors.json): each is classified on purpose, and the meaning of each class is pinned by the cases
 * that matter at 3 a.m. A code Slack adds later is transient, never a refusal that would drop an alert.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifySlackError,
  FAILURE_VERDICTS,
  type FailureClass,
  isKnownSlackError,
  lookupFailure,
} from '../../../src/core/deliver/slack-failures.js';

const documented = JSON.parse(
  readFileSync(new URL('../../fixtures/slack-method-errors.json', import.meta.url), 'utf8'),
) as { methods: Record<string, string[]> };

describe('the Slack failure table', () => {
  it.each(Object.entries(documented.methods))(
    'classifies every documented error of %s on purpose',
    (_m, codes) => {
      expect(codes.filter((code) => !isKnownSlackError(code))).toEqual([]);
    },
  );

  it.each<[string, FailureClass, string]>([
    ['ratelimited', 'rate_limited', 'wait Retry-After'],
    ['message_limit_exceeded', 'not_posted', 'members sending too many messages: try again later'],
    ['team_added_to_org', 'not_posted', 'a workspace moving into an Enterprise org: intermittent, try again'],
    ['org_login_required', 'not_posted', 'an enterprise migration: try again'],
    ['service_unavailable', 'not_posted', 'Slack is down for a moment'],
    ['internal_error', 'ambiguous', 'Slack may have posted it: look it up first'],
    ['fatal_error', 'ambiguous', 'Slack may have posted it: look it up first'],
    ['a_code_slack_adds_next_year', 'ambiguous', 'unknown: transient until proven otherwise'],
    ['msg_too_long', 'rejected', 'the message itself: re-render minimal'],
    ['msg_blocks_too_long', 'rejected', 'the message itself: re-render minimal'],
    ['invalid_blocks', 'rejected', 'the message itself: re-render minimal'],
    ['metadata_too_large', 'rejected', 'the message itself: re-render minimal'],
    ['channel_not_found', 'channel_gone', 'the subscription ends, its subscriber is told'],
    ['restricted_action_read_only_channel', 'channel_gone', 'nobody may post there'],
    ['posting_to_general_channel_denied', 'channel_gone', 'an admin closed #general to the bot'],
    ['restricted_action_thread_locked', 'message_gone', 'the thread is locked: start a new parent'],
    ['message_not_found', 'message_gone', 'the parent was deleted: start a new one'],
    ['missing_scope', 'config_error', 'the app’s setup: wait and report'],
    ['ekm_access_denied', 'config_error', 'an admin suspended posting: wait and report'],
    ['token_revoked', 'workspace_gone', 'the app was removed'],
  ])('%s → %s (%s)', (code, expected) => {
    expect(classifySlackError(code)).toBe(expected);
  });

  it('never takes an unknown code for a refusal: it is retried, the claim kept, nothing dropped', () => {
    const verdict = FAILURE_VERDICTS[classifySlackError('something_new')];
    expect(verdict).toMatchObject({ claim: 'keep', result: 'pending' });
  });

  it('with one configured token, a refused token is the operator’s to fix, not a workspace gone', () => {
    expect(classifySlackError('invalid_auth', true)).toBe('config_error');
    expect(classifySlackError('invalid_auth', false)).toBe('workspace_gone');
  });

  it('a lookup’s failure is never a verdict on the channel', () => {
    expect(lookupFailure(classifySlackError('channel_not_found'))).toBe('cannot_look');
    expect(lookupFailure(classifySlackError('internal_error'))).toBe('later');
    expect(lookupFailure(classifySlackError('something_new'))).toBe('later');
  });
});
