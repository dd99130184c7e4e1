/**
 * What subscribed channels see: the incident parent (kept current by edits), thread replies, grouped
 * component changes, maintenance and status-page notices. Each has Block Kit plus a `text` fallback that
 * carries the essentials (names, old → new status), since `text` is what notifications show.
 */
import type { KnownBlock } from '@slack/types';
import { COMPONENT_STATUS_LABEL, formatDuration, INCIDENT_STATUS_LABEL, SEVERITY_LABEL } from '../labels.js';
import type {
  BotEvent,
  ComponentChange,
  ComponentRef,
  IncidentStatus,
  IncidentSummary,
  IncidentUpdate,
  Severity,
} from '../model.js';
import { tipsFor } from '../tips.js';
import { bulletList, dateToken, escapeText, link, quote } from './mrkdwn.js';
import { INCIDENT_EMOJI, SEVERITY_EMOJI, STATUS_EMOJI } from './status-emoji.js';
import type { RenderedMessage } from './types.js';

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text.slice(0, 2900) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: text.slice(0, 2900) }],
});

export interface ParentInput {
  incident: IncidentSummary;
  status: IncidentStatus;
  severity: Severity;
  affected: ComponentRef[];
  /** `<!here>`, `<!channel>` or `<!subteam^ID>` when the subscription asks for it. */
  mention?: string;
  /** Set once resolved. */
  durationMs?: number;
}

/** The one message per incident per channel; edits keep it showing the current state. */
export function renderIncidentParent(input: ParentInput): RenderedMessage {
  const resolved = input.status === 'resolved' || input.status === 'postmortem';
  const emoji = resolved ? SEVERITY_EMOJI.operational : SEVERITY_EMOJI[input.severity];
  const state = resolved
    ? `Resolved${input.durationMs !== undefined ? ` after ${formatDuration(input.durationMs)}` : ''}`
    : INCIDENT_STATUS_LABEL[input.status];
  const title = `${emoji} *Clerk incident: ${link(input.incident.url, input.incident.name)}*`;
  const affected = input.affected.filter((c) => resolved || c.status !== 'operational').slice(0, 12);
  const affectedText =
    affected.length === 0
      ? resolved
        ? ''
        : 'Affected components: not stated yet'
      : `${resolved ? 'Was affected' : 'Affected'}: ${affected
          .map((c) =>
            resolved
              ? escapeText(c.name)
              : `${STATUS_EMOJI[c.status]} ${escapeText(c.name)} (${COMPONENT_STATUS_LABEL[c.status]})`,
          )
          .join(', ')}`;
  const lines = [
    input.mention && !resolved ? `${input.mention} ` : '',
    title,
    `\n*Status:* ${INCIDENT_EMOJI[input.status]} ${state}${resolved || input.severity === 'operational' ? '' : ` · *Impact:* ${SEVERITY_LABEL[input.severity]}`}`,
    affectedText ? `\n${affectedText}` : '',
  ];
  const blocks: KnownBlock[] = [section(lines.join(''))];
  const tips = resolved ? [] : tipsFor(input.affected, 3);
  if (tips.length > 0) blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  blocks.push(
    context(
      `Started ${dateToken(input.incident.createdAt)} · updates in the thread · ${link(input.incident.url, 'status page')}`,
    ),
  );
  const mention = input.mention && !resolved ? `${input.mention} ` : '';
  const names = input.affected
    .filter((c) => c.status !== 'operational')
    .map((c) => `${c.name}: ${COMPONENT_STATUS_LABEL[c.status]}`);
  const text = `${mention}Clerk incident: ${input.incident.name} — ${state}${names.length > 0 && !resolved ? ` (${names.join(', ')})` : ''}`;
  return { text, blocks };
}

export interface ReplyInput {
  incident: IncidentSummary;
  update: IncidentUpdate;
  previousStatus: IncidentStatus;
  /** Severity rose to partial or major: say so first. */
  escalatedTo?: Severity;
  mention?: string;
  afterResolution?: boolean;
}

export function renderUpdateReply(input: ReplyInput): RenderedMessage {
  const changed = input.previousStatus !== input.update.status;
  const status = changed
    ? `${INCIDENT_STATUS_LABEL[input.previousStatus]} → *${INCIDENT_STATUS_LABEL[input.update.status]}*`
    : `*${INCIDENT_STATUS_LABEL[input.update.status]}*`;
  const head = input.afterResolution
    ? `:memo: *Update after resolution* · ${dateToken(input.update.at)}`
    : `${INCIDENT_EMOJI[input.update.status]} ${status} · ${dateToken(input.update.at)}`;
  const escalation = input.escalatedTo
    ? `${input.mention ? `${input.mention} ` : ''}${SEVERITY_EMOJI[input.escalatedTo]} *Escalated to ${SEVERITY_LABEL[input.escalatedTo]}*\n`
    : '';
  const body = input.update.body.trim() ? `\n${quote(input.update.body)}` : '';
  const text = `${input.escalatedTo && input.mention ? `${input.mention} ` : ''}${input.incident.name}: ${
    input.afterResolution
      ? 'update after resolution'
      : `${INCIDENT_STATUS_LABEL[input.previousStatus]} → ${INCIDENT_STATUS_LABEL[input.update.status]}`
  }${input.escalatedTo ? ` (escalated to ${SEVERITY_LABEL[input.escalatedTo]})` : ''} — ${firstLine(input.update.body)}`;
  return { text, blocks: [section(`${escalation}${head}${body}`)] };
}

export function renderResolutionReply(
  incident: IncidentSummary,
  update: IncidentUpdate | undefined,
  durationMs: number | undefined,
): RenderedMessage {
  const lasted = durationMs === undefined ? '' : ` after ${formatDuration(durationMs)}`;
  const body = update?.body.trim()
    ? `\n${quote(update.body)}`
    : '\nThe incident is no longer listed as open on the status page.';
  return {
    text: `Resolved${lasted}: ${incident.name}${update ? ` — ${firstLine(update.body)}` : ''}`,
    blocks: [
      section(
        `${SEVERITY_EMOJI.operational} *Resolved${lasted}*: ${link(incident.url, incident.name)}${body}`,
      ),
    ],
  };
}

function changeLine(change: ComponentChange): string {
  return `${STATUS_EMOJI[change.to]} *${escapeText(change.name)}*: ${COMPONENT_STATUS_LABEL[change.from]} → ${COMPONENT_STATUS_LABEL[change.to]}`;
}

/** One message per poll listing every change a channel wants; in an incident thread or on its own. */
export function renderComponentChanges(
  changes: ComponentChange[],
  at: string,
  statusPageUrl: string,
  inThread: boolean,
): RenderedMessage {
  const worse = changes.filter((c) => c.to !== 'operational');
  const heading = inThread
    ? '*Component changes*'
    : worse.length > 0
      ? ':warning: *Clerk component status changed*'
      : ':white_check_mark: *Clerk components recovered*';
  const blocks: KnownBlock[] = [section(`${heading}\n${changes.slice(0, 40).map(changeLine).join('\n')}`)];
  const tips = inThread
    ? []
    : tipsFor(
        worse.map((c) => ({ id: c.componentId, name: c.name, status: c.to })),
        3,
      );
  if (tips.length > 0) blocks.push(section(`*What to do*\n${bulletList(tips)}`));
  if (!inThread) blocks.push(context(`${dateToken(at)} · ${link(statusPageUrl, 'status page')}`));
  const text = `Clerk: ${changes.map((c) => `${c.name} ${COMPONENT_STATUS_LABEL[c.from]} → ${COMPONENT_STATUS_LABEL[c.to]}`).join('; ')}`;
  return { text: text.slice(0, 3000), blocks };
}

/** Maintenance, components appearing or disappearing, and the status page itself going dark. */
export function renderNotice(event: BotEvent, statusPageUrl: string): RenderedMessage | undefined {
  const page = link(statusPageUrl, 'status page');
  switch (event.kind) {
    case 'maintenance.scheduled': {
      const m = event.maintenance;
      const when = m.scheduledFor
        ? ` for ${dateToken(m.scheduledFor)}${m.scheduledUntil ? ` until ${dateToken(m.scheduledUntil, '{time}')}` : ''}`
        : '';
      return {
        text: `Clerk maintenance scheduled: ${m.name}`,
        blocks: [
          section(
            `:calendar: *Maintenance scheduled*${when}: ${link(m.url, m.name)}${m.latestBody ? `\n${quote(m.latestBody, 600)}` : ''}`,
          ),
        ],
      };
    }
    case 'maintenance.started':
      return {
        text: `Clerk maintenance started: ${event.maintenance.name}`,
        blocks: [
          section(
            `:wrench: *Maintenance in progress*: ${link(event.maintenance.url, event.maintenance.name)}`,
          ),
        ],
      };
    case 'maintenance.completed':
      return {
        text: `Clerk maintenance completed: ${event.maintenance.name}`,
        blocks: [
          section(
            `:white_check_mark: *Maintenance completed*: ${link(event.maintenance.url, event.maintenance.name)}`,
          ),
        ],
      };
    case 'component.added':
      return {
        text: `Clerk added a status component: ${event.name} (${COMPONENT_STATUS_LABEL[event.status]})`,
        blocks: [
          section(
            `:new: Clerk's status page now lists *${escapeText(event.name)}* (${COMPONENT_STATUS_LABEL[event.status]}). ${page}`,
          ),
        ],
      };
    case 'component.removed':
      return {
        text: `Clerk removed a status component: ${event.name}`,
        blocks: [section(`Clerk's status page no longer lists *${escapeText(event.name)}*. ${page}`)],
      };
    case 'source.unreachable':
      return {
        text: `Clerk's status page is unreachable (${event.failures} failed checks)`,
        blocks: [
          section(
            `:grey_question: *I can't read Clerk's status page* (${event.failures} failed checks since ${dateToken(event.since)}). I'll keep trying and say when it answers; meanwhile check the ${page} yourself.`,
          ),
        ],
      };
    case 'source.recovered':
      return {
        text: `Clerk's status page answers again after ${formatDuration(event.downForMs)}`,
        blocks: [
          section(
            `:white_check_mark: Clerk's status page answers again after ${formatDuration(event.downForMs)}.`,
          ),
        ],
      };
    default:
      return undefined;
  }
}

function firstLine(text: string, max = 200): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
