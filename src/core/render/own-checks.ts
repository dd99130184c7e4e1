/**
 * The team's own checks and jobs in Slack: the alert (what failed, since when, what it answered, and the verdict:
 * likely Clerk or likely your side), a verdict change and the recovery in its thread, a job that failed after its
 * retries, and their console lines. Check and job names come from the operator's file and answers from the team's
 * own services: both are escaped like all outside text.
 */
import type { BotEvent } from '../events/bot-event.js';
import type { CheckFacts, JobFailure, RunResult, Verdict } from '../events/checks.js';
import { context, message, plainMessage, section } from './blocks.js';
import { formatDuration } from './labels.js';
import { bulletList, dateToken, escapeText } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

/** "status 503 in 120 ms", "timeout after 10 s", and the start of the body when there is one. */
export function describeRun(run: RunResult): string {
  const answer = run.status !== undefined ? `status ${run.status}` : 'no answer';
  const why = run.error && !run.error.startsWith('status ') ? ` (${run.error})` : '';
  return `${run.ok ? 'passed' : 'failed'}: ${answer}${why} in ${Math.round(run.latencyMs)} ms`;
}

const USUAL_CAUSES = [
  'a rotated or expired `CLERK_SECRET_KEY` in that deployment',
  'a deploy of your app (the route, its environment, its network)',
  'the wrong Clerk instance (a `sk_test_` key in production, or the other way round)',
];

function verdictLines(verdict: Verdict): string[] {
  if (verdict.kind === 'likely_clerk') {
    const because = [
      ...verdict.incidents.map((name) => `Clerk's page has an open incident: *${escapeText(name)}*`),
      ...(verdict.warning ? ["the early warning is out: Clerk's own endpoints fail for your instance"] : []),
    ];
    return [
      '*Verdict: likely Clerk.*',
      bulletList(because),
      'Follow the incident; your integration may be fine.',
    ];
  }
  return [
    '*Verdict: likely your side.*',
    `Checked: ${verdict.checked.map(escapeText).join('; ')}.`,
    `Usual causes:\n${bulletList(USUAL_CAUSES)}`,
  ];
}

export function renderCheckAlert(check: CheckFacts, recoveredAfterMs?: number): RenderedMessage {
  const name = escapeText(check.name);
  const recovered = recoveredAfterMs !== undefined;
  const head = recovered
    ? `:white_check_mark: *Own check ${name} recovered* after failing for ${formatDuration(recoveredAfterMs)}`
    : `:rotating_light: *Own check ${name} is failing* since ${dateToken(check.since)} (${check.failures} runs in a row)`;
  const last = `Last failed run: ${escapeText(describeRun(check.last))}${check.last.body ? `\n> ${escapeText(check.last.body.slice(0, 200))}` : ''}`;
  const text = recovered
    ? `Own check ${check.name} recovered`
    : `Own check ${check.name} is failing (${check.verdict.kind === 'likely_clerk' ? 'likely Clerk' : 'likely your side'})`;
  return message(escapeText(text), [
    section(head),
    section(last),
    section(verdictLines(check.verdict).join('\n')),
    context('From your CHECKS_FILE · `/clerk-status checks` for the history'),
  ]);
}

export function renderVerdictReply(check: CheckFacts): RenderedMessage {
  return plainMessage(
    `Clerk's side changed while *${escapeText(check.name)}* fails. ${verdictLines(check.verdict).join('\n')}`,
  );
}

export function renderCheckRecovered(check: CheckFacts, durationMs: number): RenderedMessage {
  return plainMessage(
    `:white_check_mark: *${escapeText(check.name)}* passes again, after failing for ${formatDuration(durationMs)}.`,
  );
}

export function renderJobFailed(job: JobFailure): RenderedMessage {
  const lines = [
    `:x: *Job ${escapeText(job.name)} failed* (scheduled ${dateToken(job.slot)}) after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'}.`,
    `Last answer: ${escapeText(describeRun(job.last))}`,
  ];
  return message(escapeText(`Job ${job.name} failed after ${job.attempts} attempts`), [
    section(lines.join('\n')),
  ]);
}

type OwnEvent = Extract<
  BotEvent,
  { kind: 'check.failing' | 'check.verdict' | 'check.recovered' | 'job.failed' }
>;

/** The console line (console mode) for a check or job event; `plain` cleaning is the caller's. */
export function ownCheckLine(event: OwnEvent, when: string): string {
  switch (event.kind) {
    case 'check.failing':
      return `${when}  own check  ${event.check.name}: FAILING since ${event.check.since} (${describeRun(event.check.last)}); ${event.check.verdict.kind === 'likely_clerk' ? 'likely Clerk' : 'likely your side'}`;
    case 'check.verdict':
      return `${when}  own check  ${event.check.name}: verdict now ${event.check.verdict.kind === 'likely_clerk' ? 'likely Clerk' : 'likely your side'}`;
    case 'check.recovered':
      return `${when}  own check  ${event.check.name}: recovered after ${formatDuration(event.durationMs)}`;
    case 'job.failed':
      return `${when}  job  ${event.job.name}: failed after ${event.job.attempts} attempts (${describeRun(event.job.last)})`;
  }
}
