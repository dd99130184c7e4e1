/**
 * The control for the early warning: something independent of Clerk that the bot reaches anyway (the status page,
 * which incident.io hosts, and Slack's api.test). Any HTTP answer at all means our network works; only when none
 * answers is "Clerk fails" really "we reach nothing".
 */
import { Agent, request } from 'undici';
import type { ControlCheck } from '../../app/ports/clerk.js';

export class HttpControlCheck implements ControlCheck {
  private readonly agent: Agent;

  constructor(
    private readonly urls: string[],
    private readonly timeoutMs: number,
  ) {
    this.agent = new Agent({
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async reachable(): Promise<boolean> {
    const answers = await Promise.all(
      this.urls.map(async (url) => {
        try {
          const response = await request(url, {
            dispatcher: this.agent,
            method: 'GET',
            signal: AbortSignal.timeout(this.timeoutMs),
          });
          await response.body.dump();
          return true;
        } catch {
          return false;
        }
      }),
    );
    return answers.some(Boolean);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
