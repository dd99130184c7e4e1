/**
 * A failed Web API call → SlackSendError, classified by the core's table. A 5xx may come after Slack accepted
 * the post, and a network error or timeout may too: both are ambiguous, never "not posted".
 */
import { ErrorCode } from '@slack/web-api';
import { classifySlackError, SlackSendError } from '../../core/deliver/slack-failures.js';

/** `singleToken`: one configured bot token, whose refusal is a configuration error (see classifySlackError). */
export function translateSlackError(error: unknown, method: string, singleToken = false): SlackSendError {
  if (error instanceof SlackSendError) return error;
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new SlackSendError(
        'rate_limited',
        'ratelimited',
        `${method}: rate limited`,
        (e.retryAfter ?? 1) * 1000,
        error,
      );
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new SlackSendError(
        classifySlackError(code, singleToken),
        code,
        `${method}: ${code}`,
        undefined,
        error,
      );
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      // A 5xx may come after Slack accepted the post; a 4xx means it refused the request outright.
      return new SlackSendError(
        status >= 500 ? 'ambiguous' : 'not_posted',
        `http_${status}`,
        `${method}: HTTP ${status}`,
        undefined,
        error,
      );
    }
    default:
      // Network errors and timeouts: the request may or may not have reached Slack.
      return new SlackSendError(
        'ambiguous',
        'request_error',
        `${method}: ${(error as Error).message}`,
        undefined,
        error,
      );
  }
}
