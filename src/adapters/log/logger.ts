/**
 * The process's one pino logger. Secrets are removed from every log line, however deep they sit: any key
 * that names a secret (token, secret, authorization, response_url, signature, password) is redacted, and any
 * string that looks like a Slack token or a response_url is scrubbed wherever it appears (messages, error
 * messages and stacks, nested payloads from Bolt, the Slack SDK and undici). A deep walk per line is cheap at
 * this bot's volume (one line per meaningful event) and, unlike a list of paths, cannot miss a new nesting.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

const CENSOR = '[Redacted]';
const SECRET_KEY = /token|secret|authorization|response_?url|signature|password|cookie/i;
/** Keys that merely mention a secret and are safe to show. */
const SAFE_KEYS = new Set(['tokenType', 'token_type']);
/** Anything that looks like a Slack token, a Clerk secret key or a response_url, wherever it hides inside a string. */
const SECRET_PATTERN =
  /\b(xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk_(?:live|test)_[A-Za-z0-9]+|https:\/\/hooks\.slack\.com\/[^\s"'<>]+)/g;

/** A one-time OAuth code, wherever a URL, a form body or a JSON body (the SDK's "http request body") carries it. */
const OAUTH_CODE = /(\bcode=|"code"\s*:\s*")[^&\s"'<>]{6,}/g;

/**
 * The literal values of the configured secrets (bot, app and Clerk tokens, signing, client and state secrets).
 * Scrubbed from every string by value, since a secret inside a free-text line (an SDK's "http request body …")
 * has no key to redact it by. One registry per process, as there is one logger.
 */
const secretValues = new Set<string>();

export function registerSecrets(values: (string | undefined)[]): void {
  for (const value of values) if (value && value.length >= 6) secretValues.add(value);
}

export function scrubSecrets(text: string): string {
  let out = text.replace(SECRET_PATTERN, CENSOR).replace(OAUTH_CODE, `$1${CENSOR}`);
  for (const value of secretValues) if (out.includes(value)) out = out.split(value).join(CENSOR);
  return out;
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  // Errors keep message and stack in non-enumerable fields: serialize them before walking.
  if (value instanceof Error) return scrub(pino.stdSerializers.err(value), depth, seen);
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && !SAFE_KEYS.has(key) && inner !== undefined
        ? CENSOR
        : scrub(inner, depth + 1, seen);
  }
  return out;
}

export function redactObject<T>(value: T): T {
  return scrub(value, 0, new WeakSet()) as T;
}

export function createLogger(
  level: string,
  destination?: DestinationStream,
  secrets: (string | undefined)[] = [],
): Logger {
  registerSecrets(secrets);
  return pino(
    {
      level,
      base: { app: 'clerk-status-bot' },
      serializers: {
        // Serialize errors first (so their own fields are plain data), then scrub like everything else.
        err: (error: unknown) => redactObject(pino.stdSerializers.err(error as Error)),
      },
      formatters: {
        log: (object) => redactObject(object),
      },
      hooks: {
        // A message is free text and can quote anything.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
