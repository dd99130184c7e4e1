/**
 * `/clerk-status checks` (and App Home's section): each own check with its state, last result and latency, success
 * ratio and p95 over 24 h and a strip of its last runs; each job with its last and next run. Names come from the
 * operator's file and errors from the team's services: escaped like all outside text.
 */
import type { KnownBlock } from '@slack/types';
import type { ChecksReport } from '../events/checks.js';
import { message, section } from './blocks.js';
import { dateToken, escapeText } from './mrkdwn.js';
import type { RenderedMessage } from './types.js';

const percent = (ratio: number | null) =>
  ratio === null ? 'no runs' : `${(ratio * 100).toFixed(ratio === 1 ? 0 : 1)}% ok`;

function checkLine(c: ChecksReport['checks'][number]): string {
  const icon =
    c.state === 'failing' ? ':red_circle:' : c.lastRunAt ? ':large_green_circle:' : ':white_circle:';
  const last = c.lastRunAt
    ? `last ${dateToken(c.lastRunAt)}: ${c.lastStatus ?? 'no answer'}${c.lastError ? ` (${escapeText(c.lastError)})` : ''} in ${c.lastLatencyMs} ms`
    : 'not run yet';
  const day = `24 h: ${percent(c.successRatio)}${c.p95LatencyMs !== null ? `, p95 ${c.p95LatencyMs} ms` : ''}`;
  return `${icon} *${escapeText(c.name)}* ${c.state} · ${last} · ${day}${c.strip ? `  \`${c.strip}\`` : ''}`;
}

function jobLine(j: ChecksReport['jobs'][number]): string {
  const last = j.lastRunAt
    ? `last ${dateToken(j.lastRunAt)}: ${j.lastOk ? 'ok' : 'failed'} (${j.lastStatus ?? 'no answer'}, ${j.lastAttempts} attempt${j.lastAttempts === 1 ? '' : 's'})`
    : 'not run yet';
  const held = j.heldSlot ? ` · held since ${dateToken(j.heldSlot)} (Clerk is down)` : '';
  return `• *${escapeText(j.name)}* · ${last} · next ${j.nextRunAt ? dateToken(j.nextRunAt) : 'unknown'}${held}`;
}

export function checksBlocks(report: ChecksReport): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (report.checks.length > 0)
    blocks.push(section(`*Own checks*\n${report.checks.slice(0, 20).map(checkLine).join('\n')}`));
  if (report.jobs.length > 0)
    blocks.push(section(`*Jobs*\n${report.jobs.slice(0, 20).map(jobLine).join('\n')}`));
  return blocks;
}

export function renderChecksReply(report: ChecksReport | undefined): RenderedMessage {
  if (!report || (report.checks.length === 0 && report.jobs.length === 0))
    return message('No own checks', [
      section(
        'No own checks or jobs are set up. Point `CHECKS_FILE` at a YAML file of them (see the README, "Own checks and jobs").',
      ),
    ]);
  const failing = report.checks.filter((c) => c.state === 'failing').length;
  const text = `${report.checks.length} own check${report.checks.length === 1 ? '' : 's'}${failing ? `, ${failing} failing` : ''}; ${report.jobs.length} job${report.jobs.length === 1 ? '' : 's'}`;
  return message(text, checksBlocks(report));
}
