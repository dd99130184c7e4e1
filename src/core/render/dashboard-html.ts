/**
 * The dashboard page (`GET /`), server-rendered from the dashboard data: no build step, no CDN, no inline script
 * (the strict Content-Security-Policy allows only the page's own /assets). Every string from the status page, the
 * probes or the checks file is escaped for HTML; links go only to http(s) URLs built from CLERK_STATUS_URL. The charts
 * are drawn by /assets/dashboard.js with uPlot from /dashboard.json; the page reloads itself every 30 s.
 */
import type { DashboardData } from './dashboard-data.js';
import { formatDuration } from './labels.js';

export const DASHBOARD_REFRESH_SECONDS = 30;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'`]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c] ?? c,
  );
}

/** A link only to an http(s) URL; anything else is shown as text. */
function anchor(url: string, text: string): string {
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

/** A tip is Slack mrkdwn from the bot's own catalogue: escaped, then its `code` shown as code. */
function tipHtml(tip: string): string {
  return escapeHtml(tip)
    .replace(/&#96;([^&]+?)&#96;/g, '<code>$1</code>')
    .replace(/\*([^*]+)\*/g, '<strong>$1</strong>');
}

const dot = (status: string) => `<span class="dot s-${escapeHtml(status)}" aria-hidden="true"></span>`;

function list<T>(items: T[], item: (x: T) => string, empty: string): string {
  return items.length === 0
    ? `<p class="muted">${escapeHtml(empty)}</p>`
    : `<ul>${items.map(item).join('')}</ul>`;
}

function openIncidents(data: DashboardData): string {
  if (data.open.length === 0) return '';
  const one = (i: DashboardData['open'][number]) =>
    `<article class="incident"><h3>${anchor(i.url, i.name)} <span class="tag">${escapeHtml(i.status)}</span></h3>${
      i.said ? `<blockquote>${escapeHtml(i.said.slice(0, 1200))}</blockquote>` : ''
    }${i.tips.length > 0 ? `<h4>What to do</h4><ul>${i.tips.map((t) => `<li>${tipHtml(t)}</li>`).join('')}</ul>` : ''}</article>`;
  return `<section><h2>Open incidents</h2>${data.open.map(one).join('')}</section>`;
}

function probesSection(data: DashboardData): string {
  if (!data.probes) return '';
  return `<section><h2>Early warning: your Clerk instance</h2><p>${escapeHtml(data.probes.target)} · ${escapeHtml(
    data.probes.phase,
  )}</p><div class="chart" id="chart-probes" data-series="probes"></div></section>`;
}

function checksSection(data: DashboardData): string {
  if (data.checks.length === 0) return '';
  const one = (c: DashboardData['checks'][number], i: number) =>
    `<article><h3>${dot(c.state === 'passing' ? 'operational' : 'major_outage')}${escapeHtml(c.name)} <span class="tag">${escapeHtml(
      c.state,
    )}</span>${c.successRatio === null ? '' : ` <span class="muted">${(c.successRatio * 100).toFixed(1)}% ok, 24 h</span>`}</h3><div class="chart" id="chart-check-${i}" data-series="check:${i}"></div></article>`;
  return `<section><h2>Your own checks</h2>${data.checks.map(one).join('')}</section>`;
}

function incidentsSection(data: DashboardData): string {
  const one = (i: DashboardData['incidents'][number]) =>
    `<li>${escapeHtml(i.openedAt.slice(0, 10))} ${anchor(i.url, i.name)}: ${
      i.durationMs === null ? '<strong>open</strong>' : `lasted ${escapeHtml(formatDuration(i.durationMs))}`
    }${i.components.length > 0 ? ` <span class="muted">${escapeHtml(i.components.join(', '))}</span>` : ''}</li>`;
  return `<section><h2>The last 30 days</h2>${list(data.incidents, one, 'No incident the bot knows of.')}</section>`;
}

export function renderDashboard(data: DashboardData): string {
  const components = list(
    data.components,
    (c) => `<li>${dot(c.status)}${escapeHtml(c.name)} <span class="muted">${escapeHtml(c.label)}</span></li>`,
    'No components read yet.',
  );
  const surfaces = data.surfaces
    .map(
      (s) =>
        `<div class="surface">${dot(s.status)}<strong>${escapeHtml(s.name)}</strong><br>${escapeHtml(s.label)}</div>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${DASHBOARD_REFRESH_SECONDS}">
<title>Is Clerk down? · clerk-status-bot</title>
<link rel="stylesheet" href="/assets/uplot.min.css"><link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/uplot.iife.min.js" defer></script><script src="/assets/dashboard.js" defer></script>
</head><body>
<header class="headline sev-${escapeHtml(data.headline.severity)}"><h1>${escapeHtml(data.headline.words)}</h1>
<p class="muted">Last checked ${escapeHtml(data.lastCheckedAt ?? 'never')} · this page refreshes every ${DASHBOARD_REFRESH_SECONDS} s</p></header>
<main>
<section><h2>What people feel</h2><div class="surfaces">${surfaces}</div></section>
${openIncidents(data)}
<section><h2>Components</h2>${components}</section>
${probesSection(data)}
${checksSection(data)}
${incidentsSection(data)}
</main>
<footer class="muted">Data as JSON: <a href="/dashboard.json">/dashboard.json</a> · /status for operators</footer>
</body></html>
`;
}
