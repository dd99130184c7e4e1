/** The team's own checks and jobs as CHECKS_FILE defines them (parsed and validated by src/checks-file.ts). */

/** What a check and a job share: a named request to one of the team's services, on a schedule. */
export interface ScheduledCall {
  name: string;
  url: string;
  schedule: Schedule;
  method: string;
  /** Sent as is; never logged, shown or stored. */
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface CheckDefinition extends ScheduledCall {
  expect: { status?: number; body?: string };
  failures: number;
}

export interface JobDefinition extends ScheduledCall {
  retries: number;
  holdWhileClerkDown: boolean;
}

/** `every`: slots at multiples of this many ms since the epoch (every replica agrees); `cron`: node-cron's. */
export type Schedule = { kind: 'every'; ms: number } | { kind: 'cron'; expression: string };

export interface ChecksConfig {
  checks: CheckDefinition[];
  jobs: JobDefinition[];
}
