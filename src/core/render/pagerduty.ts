/**
 * PagerDuty Events API v2 messages, without the routing key (the adapter adds it: a secret never passes through
 * here). A trigger says what broke in Clerk's words, the affected components, the tips and where to look; a resolve
 * is the dedup key alone. Outside text is text: control characters removed, every field within PagerDuty's limits.
 */

import type { ComponentRef } from '../events/bot-event.js';
import type { Escalation, PageSubject } from '../plan/escalation.js';
import { probeTips, tipsFor } from '../tips.js';
import { COMPONENT_STATUS_LABEL } from './labels.js';

export interface PagerDutyMessage {
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component?: string;
    group: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
  client: string;
}

const CLIENT = 'clerk-status-bot';

/** One line of text: no control characters (PagerDuty shows them as they are), at most `max` characters. */
function plain(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

const down = (affected: ComponentRef[]) => affected.filter((c) => c.status !== 'operational');
const named = (affected: ComponentRef[]) =>
  down(affected).map((c) => ({ name: plain(c.name, 200), status: COMPONENT_STATUS_LABEL[c.status] }));

interface Said {
  summary: string;
  component?: string;
  group: string;
  details: Record<string, unknown>;
  links: { href: string; text: string }[];
}

function incidentSaid(subject: Extract<PageSubject, { kind: 'incident' }>): Said {
  const { incident, affected, update } = subject.event;
  return {
    summary: `Clerk incident: ${incident.name}`,
    ...(down(affected).length > 0
      ? {
          component: down(affected)
            .map((c) => c.name)
            .join(', '),
        }
      : {}),
    group: 'clerk-status-page',
    details: {
      status: incident.status,
      impact: incident.impact,
      clerk_said: update ? plain(update.body, 4_000) : null,
      affected: named(affected),
      tips: tipsFor(affected),
    },
    links: [{ href: incident.url, text: "The incident on Clerk's status page" }],
  };
}

function componentsSaid(subject: Extract<PageSubject, { kind: 'components' }>): Said {
  const affected = subject.event.changes.map((c) => ({ id: c.componentId, name: c.name, status: c.to }));
  const what = down(affected).map((c) => `${c.name} ${COMPONENT_STATUS_LABEL[c.status].toLowerCase()}`);
  return {
    summary: `Clerk: ${what.join(', ')}`,
    component: down(affected)
      .map((c) => c.name)
      .join(', '),
    group: 'clerk-status-page',
    details: { incident_id: subject.incidentId, affected: named(affected), tips: tipsFor(affected) },
    links: [],
  };
}

function warningSaid(subject: Extract<PageSubject, { kind: 'warning' }>): Said {
  const families = subject.event.warning.failing.map((f) => f.family);
  const apis = families.map((f) => (f === 'frontend' ? 'Frontend API' : 'Backend API')).join(' and ');
  return {
    summary: `Unconfirmed: Clerk's ${apis} failing for your instance; Clerk's status page is silent`,
    group: 'clerk-early-warning',
    details: { since: subject.event.warning.since, failing: families, tips: probeTips(families) },
    links: [],
  };
}

function checkSaid({ check }: Extract<PageSubject, { kind: 'check' }>): Said {
  const verdict = check.verdict.kind === 'likely_clerk' ? 'likely Clerk' : 'likely your side';
  const last = {
    status: check.last.status ?? null,
    error: check.last.error ?? null,
    latency_ms: check.last.latencyMs,
  };
  return {
    summary: `Own check ${check.name} failing (${verdict})`,
    group: 'own-checks',
    details: { since: check.since, failures: check.failures, last, verdict: check.verdict },
    links: [],
  };
}

function said(subject: PageSubject): Said {
  switch (subject.kind) {
    case 'incident':
      return incidentSaid(subject);
    case 'components':
      return componentsSaid(subject);
    case 'warning':
      return warningSaid(subject);
    case 'check':
      return checkSaid(subject);
    default:
      return subject satisfies never;
  }
}

export function pagerDutyTrigger(
  escalation: Extract<Escalation, { action: 'trigger' }>,
  dedupKey: string,
  at: string,
  source: string,
  /** The incident's Slack thread, where one is known. */
  slackThread?: string,
): PagerDutyMessage {
  const what = said(escalation.subject);
  if (slackThread && /^https:\/\//.test(slackThread))
    what.links.push({ href: slackThread, text: 'The Slack thread' });
  return {
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: plain(what.summary, 1_024),
      source: plain(source, 255),
      severity: escalation.severity,
      timestamp: at,
      ...(what.component ? { component: plain(what.component, 255) } : {}),
      group: what.group,
      class: escalation.subject.kind,
      custom_details: what.details,
    },
    ...(what.links.length > 0 ? { links: what.links } : {}),
    client: CLIENT,
  };
}

export function pagerDutyResolve(dedupKey: string): PagerDutyMessage {
  return { event_action: 'resolve', dedup_key: dedupKey, client: CLIENT };
}
