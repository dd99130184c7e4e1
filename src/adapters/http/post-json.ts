/**
 * One JSON POST to a destination beside Slack (PagerDuty, the team's webhook), on a connection pool of its own (a
 * receiver that hangs never takes a connection the status page or Slack need), with its own deadline, redirects
 * not followed, and at most a few KB of the answer read. An error is reported by kind only: an error's message can
 * carry the URL, and a URL can carry credentials.
 */
import { Agent, request } from 'undici';
import type { OutgoingAnswer } from '../../app/ports/escalation.js';
import { networkErrorKind } from './network-error.js';

const ANSWER_LIMIT = 4 * 1024;
/** Each call's deadline: how long after its start an answer (or the call itself) may still land. */
export const OUTGOING_TIMEOUT_MS = 10_000;

export class JsonPoster {
  private readonly agent = new Agent({ connections: 4, keepAliveTimeout: 10_000 });

  constructor(private readonly timeoutMs = OUTGOING_TIMEOUT_MS) {}

  async post(
    url: string,
    body: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<OutgoingAnswer> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'clerk-status-bot', ...headers },
        body,
        dispatcher: this.agent,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await readAnswer(response.body);
      const retryAfterMs = retryAfter(response.headers['retry-after']);
      return {
        status: response.statusCode,
        ...(text ? { body: text } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    } catch (error) {
      const kind = deadline.aborted ? 'timeout' : networkErrorKind(error);
      return {
        error: kind === 'timeout' ? `no answer within ${this.timeoutMs / 1000} s` : `network error (${kind})`,
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

async function readAnswer(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= ANSWER_LIMIT) {
      body.destroy();
      break;
    }
  }
  // One line of printable text: an answer is shown in /status and logs, never interpreted.
  return (
    Buffer.concat(chunks)
      .subarray(0, ANSWER_LIMIT)
      .toString('utf8')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .trim()
      .slice(0, 500)
  );
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
