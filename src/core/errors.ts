/**
 * Every error the bot raises on purpose carries a stable `code`, so logs, metrics and tests can
 * tell failure kinds apart without parsing messages.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'STATUS_PAGE_HTTP'
  | 'STATUS_PAGE_NETWORK'
  | 'STATUS_PAGE_NOT_JSON'
  | 'STATUS_PAGE_INVALID'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CORRUPT'
  /** The database was written by a newer version of the bot (its schema is ahead of this code). */
  | 'STORE_TOO_NEW'
  /** The database file or its directory cannot be written. */
  | 'STORE_READ_ONLY'
  | 'SLACK_API'
  /** A delivery's claim was taken over by another process while this one waited: it must not send. */
  | 'CLAIM_LOST';

export class BotError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BotError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isBotError(error: unknown, code?: ErrorCode): error is BotError {
  return error instanceof BotError && (code === undefined || error.code === code);
}

/** A one-line description of any thrown value, safe to log (no stack, no payloads). */
export function describeError(error: unknown): string {
  if (error instanceof BotError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
