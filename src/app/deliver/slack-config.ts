/**
 * Configuration errors Slack reports (a missing scope, a token without permission): deliveries wait, nothing is
 * deleted, and each one is logged at error once per workspace and code, until a call for that workspace works
 * again. /status lists what is open.
 */
import type { Log } from '../ports/observability.js';

export interface ConfigProblem {
  team: string;
  code: string;
  method: string;
  since: string;
}

export class SlackConfigProblems {
  private readonly open = new Map<string, ConfigProblem>();

  constructor(
    private readonly log: Log,
    private readonly now: () => number,
  ) {}

  report(team: string, code: string, method: string): void {
    const key = `${team} ${code}`;
    if (this.open.has(key)) return;
    this.open.set(key, { team, code, method, since: new Date(this.now()).toISOString() });
    this.log.error(
      { team, code, method },
      'Slack refused the bot its token, a scope or a permission: fix the app or its token (manifest.yml, SLACK_BOT_TOKEN) and reinstall; deliveries wait meanwhile',
    );
  }

  /** A call for this workspace worked: its problems are over. */
  clear(team: string): void {
    for (const [key, problem] of this.open) {
      if (problem.team !== team) continue;
      this.open.delete(key);
      this.log.info({ team, code: problem.code }, 'the Slack configuration error is fixed; delivering again');
    }
  }

  list(): ConfigProblem[] {
    return [...this.open.values()];
  }
}
