/**
 * The process's one pino logger. Secrets are redacted by path wherever they can appear: our own
 * config objects, Slack payloads (token, response_url), HTTP headers, and errors thrown by the Slack SDK
 * and undici that carry the request they failed on.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'response_url',
  'responseUrl',
  'authorization',
  'password',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.clientSecret',
  '*.stateSecret',
  '*.response_url',
  '*.responseUrl',
  '*.authorization',
  '*.password',
  '*.*.token',
  '*.*.response_url',
  'headers.authorization',
  'headers["x-slack-signature"]',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'err.headers.authorization',
  'err.config.headers.authorization',
  'err.request.headers.authorization',
  'err.data.response_metadata',
  'err.body',
];

/** Anything that looks like a Slack token or a response_url, wherever it hides inside a string. */
const SECRET_PATTERN =
  /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|https:\/\/hooks\.slack\.com\/[^\s"']+)/g;

export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[Redacted]');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'clerk-status-bot' },
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: {
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error);
          // Error messages from HTTP clients sometimes embed the URL or header they failed on.
          return {
            ...serialized,
            message: scrubSecrets(serialized.message ?? ''),
            stack: scrubSecrets(serialized.stack ?? ''),
          };
        },
      },
      hooks: {
        // Scrub the message string too: a message is free text and can quote anything.
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
