/**
 * What the dashboard shows, as data: the headline, components, the three surfaces people feel (from the original
 * "Is Clerk down?" page), open incidents with Clerk's words and the tips, the probes with their latency series, each
 * own check with its latency and result series, and the last 30 days of incidents. The HTML page draws it; the same
 * object is served as JSON (`/dashboard.json`) for scripts and for the page's charts. Pure; no secret goes in.
 */
import type { SignalState } from '../early-warning/signal.js';
import type { ChecksReport, RunResult } from '../events/checks.js';
import { durationOf, type IncidentRecord } from '../events/history.js';
import type { ComponentStatus, Snapshot } from '../events/page.js';
import { isClosed } from '../events/page.js';
import type { ProbeResult } from '../events/probes.js';
import { severityOf, severityRank } from '../events/severity.js';
import { tipsFor } from '../tips.js';
import { headlineOf } from './headline.js';
import { COMPONENT_STATUS_LABEL } from './labels.js';

/** The surfaces the original page named, by the Clerk components that carry them. */
const SURFACES: { name: string; components: string[] }[] = [
  {
    name: 'Hosted sign-in and sign-up',
    components: ['User and authentication', 'Email delivery', 'SMS delivery'],
  },
  { name: 'Frontend API (sessions, tokens)', components: ['Session management', 'User and authentication'] },
  {
    name: 'Backend API and webhooks',
    components: ['Machine authentication', 'Webhooks', 'B2B SaaS', 'Billing'],
  },
];

export interface DashboardInput {
  snapshot: Snapshot | undefined;
  lastCheckedAt: string | undefined;
  now: number;
  probes?: {
    frontendApiUrl: string;
    state: SignalState | undefined;
    rounds: { at: string; results: ProbeResult[] }[];
  };
  checks?: { report: ChecksReport; runs: Record<string, RunResult[]> };
  incidents: IncidentRecord[];
}

/** A chart's data as uPlot takes it: x in unix seconds, then one series per line (null where there is no point). */
export interface Series {
  labels: string[];
  data: (number | null)[][];
}

export interface DashboardData {
  generatedAt: string;
  lastCheckedAt: string | null;
  headline: { severity: string; words: string; unconfirmed: boolean };
  components: { name: string; status: ComponentStatus; label: string }[];
  surfaces: { name: string; status: ComponentStatus | 'unknown'; label: string }[];
  open: { name: string; url: string; status: string; said: string | null; tips: string[] }[];
  probes: { target: string; phase: string; latency: Series } | null;
  checks: { name: string; state: string; successRatio: number | null; latency: Series }[];
  incidents: {
    name: string;
    url: string;
    openedAt: string;
    durationMs: number | null;
    components: string[];
  }[];
}

function worst(statuses: ComponentStatus[]): ComponentStatus | 'unknown' {
  if (statuses.length === 0) return 'unknown';
  return statuses.reduce((a, b) => (severityRank(severityOf(b)) > severityRank(severityOf(a)) ? b : a));
}

function probeSeries(rounds: { at: string; results: ProbeResult[] }[]): Series {
  const endpoints = [...new Set(rounds.flatMap((r) => r.results.map((x) => x.endpoint)))].sort();
  const x = rounds.map((r) => Math.floor(Date.parse(r.at) / 1000));
  const lines = endpoints.map((e) =>
    rounds.map((r) => r.results.find((x) => x.endpoint === e)?.latencyMs ?? null),
  );
  return { labels: ['time', ...endpoints], data: [x, ...lines] };
}

function checkSeries(runs: RunResult[]): Series {
  const sorted = [...runs].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    labels: ['time', 'passed (ms)', 'failed (ms)'],
    data: [
      sorted.map((r) => Math.floor(Date.parse(r.at) / 1000)),
      sorted.map((r) => (r.ok ? r.latencyMs : null)),
      sorted.map((r) => (r.ok ? null : r.latencyMs)),
    ],
  };
}

export function dashboardData(input: DashboardInput): DashboardData {
  const snapshot = input.snapshot;
  const components = snapshot?.components ?? [];
  const head = snapshot ? headlineOf(snapshot, input.probes?.state) : undefined;
  const byName = new Map(components.map((c) => [c.name.toLowerCase(), c.status]));
  return {
    generatedAt: new Date(input.now).toISOString(),
    lastCheckedAt: input.lastCheckedAt ?? null,
    headline: head
      ? { severity: head.severity, words: head.words, unconfirmed: head.unconfirmed }
      : { severity: 'unknown', words: "Clerk's status page has not been read yet.", unconfirmed: false },
    components: components.map((c) => ({
      name: c.name,
      status: c.status,
      label: COMPONENT_STATUS_LABEL[c.status],
    })),
    surfaces: SURFACES.map((s) => {
      const status = worst(s.components.flatMap((n) => byName.get(n.toLowerCase()) ?? []));
      return {
        name: s.name,
        status,
        label: status === 'unknown' ? 'Not on the page' : COMPONENT_STATUS_LABEL[status],
      };
    }),
    open: (snapshot?.incidents ?? [])
      .filter((i) => !isClosed(i))
      .map((i) => ({
        name: i.name,
        url: i.url,
        status: i.status,
        said: i.updates.at(-1)?.body ?? null,
        tips: tipsFor(components.filter((c) => c.status !== 'operational')),
      })),
    probes: input.probes
      ? {
          target: input.probes.frontendApiUrl,
          phase: input.probes.state?.phase ?? 'not_run_yet',
          latency: probeSeries(input.probes.rounds),
        }
      : null,
    checks: (input.checks?.report.checks ?? []).map((c) => ({
      name: c.name,
      state: c.state,
      successRatio: c.successRatio,
      latency: checkSeries(input.checks?.runs[c.name] ?? []),
    })),
    incidents: input.incidents.map((r) => ({
      name: r.name,
      url: r.url,
      openedAt: r.openedAt,
      durationMs: durationOf(r) ?? null,
      components: r.components.map((c) => c.name),
    })),
  };
}
