/**
 * The dashboard's static files: uPlot from the package itself (no CDN), and the page's own small script and styles.
 * The script draws each chart from /dashboard.json; strings from the data go in as text, never as HTML.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const uplot = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');

const SCRIPT = `'use strict';
(async function draw() {
  const res = await fetch('/dashboard.json', { cache: 'no-store' });
  if (!res.ok) return;
  const data = await res.json();
  const colors = ['#1a7f37', '#cf222e', '#0969da', '#8250df', '#bf8700', '#57606a'];
  const seriesOf = (name) =>
    name === 'probes' ? data.probes && data.probes.latency : (data.checks[Number(name.split(':')[1])] || {}).latency;
  for (const el of document.querySelectorAll('[data-series]')) {
    const s = seriesOf(el.getAttribute('data-series'));
    if (!s || s.data[0].length === 0) {
      el.textContent = 'No runs yet.';
      continue;
    }
    const lo = Math.min(...s.data[0]);
    const hi = Math.max(...s.data[0]);
    const lines = s.labels.slice(1).map((label, i) => ({
      label: String(label),
      stroke: colors[i % colors.length],
      points: { show: true, size: 4 },
      spanGaps: false,
    }));
    // eslint-disable-next-line no-undef
    new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height: 180,
        series: [{}, ...lines],
        axes: [{}, { label: 'ms' }],
        // Runs close together (or a single one) still get a readable time axis: at least ten minutes wide.
        scales: { x: { time: true, auto: false, min: Math.min(lo, hi - 600), max: hi + 30 } },
      },
      s.data,
      el,
    );
  }
})();
`;

const STYLES = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header,main,footer{max-width:960px;margin:0 auto;padding:12px 20px}
header.headline{border-left:6px solid #1a7f37;background:#fff;margin-top:16px}
header.sev-degraded,header.sev-maintenance{border-color:#bf8700}header.sev-partial{border-color:#e16f24}
header.sev-major{border-color:#cf222e}h1{font-size:22px;margin:6px 0}h2{font-size:17px;margin:22px 0 8px}
section,article{background:#fff;padding:10px 14px;margin:10px 0;border-radius:6px}
.surfaces{display:flex;gap:12px;flex-wrap:wrap}.surface{flex:1 1 220px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;background:#8c959f}
.s-operational{background:#1a7f37}.s-degraded_performance,.s-under_maintenance{background:#bf8700}
.s-partial_outage{background:#e16f24}.s-major_outage{background:#cf222e}
.muted{color:#57606a}.tag{font-size:12px;background:#eaeef2;border-radius:4px;padding:1px 6px}
blockquote{white-space:pre-wrap;border-left:3px solid #d0d7de;margin:8px 0;padding-left:10px}
ul{padding-left:20px}.chart{min-height:60px}`;

export interface Asset {
  path: string;
  type: string;
  body: string;
}

export function dashboardAssets(): Asset[] {
  return [
    {
      path: '/assets/uplot.iife.min.js',
      type: 'text/javascript; charset=utf-8',
      body: uplot('uPlot.iife.min.js'),
    },
    { path: '/assets/uplot.min.css', type: 'text/css; charset=utf-8', body: uplot('uPlot.min.css') },
    { path: '/assets/dashboard.js', type: 'text/javascript; charset=utf-8', body: SCRIPT },
    { path: '/assets/dashboard.css', type: 'text/css; charset=utf-8', body: STYLES },
  ];
}
