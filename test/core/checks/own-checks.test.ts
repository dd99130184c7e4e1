/**
 * The rules of the team's own checks, as tables: the verdict over the three signals, a check's state from run to run
 * (alert after `failures` in a row, a verdict change while failing, recovery, a slot counted once), the history
 * summary, and the checks file (every problem listed, `${VAR}` expanded, never a URL from anywhere else).
 */
import { describe, expect, it } from 'vitest';
import { parseChecksFile } from '../../../src/checks-file.js';
import { afterRun, type CheckState, NEW_CHECK } from '../../../src/core/checks/check-state.js';
import { summarize } from '../../../src/core/checks/run-history.js';
import { type VerdictSignals, verdictOf } from '../../../src/core/checks/verdict.js';
import type { RunResult, Verdict } from '../../../src/core/events/checks.js';
import { readSettingsForm, renderSettingsModal } from '../../../src/core/render/settings-modal.js';
import { wants } from '../../../src/core/subscriptions/filters.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

describe('verdictOf: is it Clerk or is it us?', () => {
  const cases: [string, VerdictSignals, Verdict['kind'], string][] = [
    [
      'an open incident on Clerk’s page',
      { openIncidents: ['Sign-in failures'], degraded: [], probes: 'healthy' },
      'likely_clerk',
      'Sign-in failures',
    ],
    [
      'the early warning out, page silent',
      { openIncidents: [], degraded: [], probes: 'warning' },
      'likely_clerk',
      '"warning":true',
    ],
    [
      'page and probes healthy',
      { openIncidents: [], degraded: [], probes: 'healthy' },
      'likely_yours',
      'your Clerk instance answers',
    ],
    [
      'page healthy, no probes configured',
      { openIncidents: [], degraded: [], probes: undefined },
      'likely_yours',
      'not configured',
    ],
    [
      'a degraded component but no incident',
      { openIncidents: [], degraded: ['Webhooks'], probes: 'healthy' },
      'likely_yours',
      'Webhooks',
    ],
    [
      'probes suspect (below the warning threshold)',
      { openIncidents: [], degraded: [], probes: 'suspect' },
      'likely_yours',
      'not enough to warn',
    ],
    [
      'page never read',
      { openIncidents: undefined, degraded: [], probes: undefined },
      'likely_yours',
      'not been read',
    ],
  ];
  it.each(cases)('%s → %s', (_name, signals, kind, says) => {
    const verdict = verdictOf(signals);
    expect(verdict.kind).toBe(kind);
    expect(JSON.stringify(verdict)).toContain(says);
  });
});

const YOURS: Verdict = { kind: 'likely_yours', checked: ['page healthy'] };
const CLERK: Verdict = { kind: 'likely_clerk', incidents: ['Outage'], warning: false };
const run = (second: number, ok: boolean, latencyMs = 100): RunResult => ({
  at: `2026-12-07T10:00:${String(second).padStart(2, '0')}.000Z`,
  ok,
  latencyMs,
  ...(ok ? { status: 200 } : { status: 503, error: 'status 503' }),
});

describe('afterRun: a check from run to run (threshold 2)', () => {
  const replay = (runs: [RunResult, Verdict][]) => {
    let state: CheckState = NEW_CHECK;
    const kinds: string[] = [];
    for (const [r, verdict] of runs) {
      const next = afterRun('auth-health', state, r, 2, verdict);
      state = next.state;
      kinds.push(...next.events.map((e) => e.kind));
    }
    return { state, kinds };
  };
  it.each([
    ['one failure is a blip: nothing', [[run(1, false), YOURS]], [], 1],
    [
      'two in a row: one alert',
      [
        [run(1, false), YOURS],
        [run(2, false), YOURS],
      ],
      ['check.failing'],
      2,
    ],
    [
      'a third failure: nothing more',
      [
        [run(1, false), YOURS],
        [run(2, false), YOURS],
        [run(3, false), YOURS],
      ],
      ['check.failing'],
      3,
    ],
    [
      'the verdict changes while failing: one line',
      [
        [run(1, false), YOURS],
        [run(2, false), YOURS],
        [run(3, false), CLERK],
        [run(4, false), CLERK],
      ],
      ['check.failing', 'check.verdict'],
      4,
    ],
    [
      'recovery after the alert',
      [
        [run(1, false), YOURS],
        [run(2, false), YOURS],
        [run(3, true), YOURS],
      ],
      ['check.failing', 'check.recovered'],
      0,
    ],
    [
      'recovery after a blip: nothing',
      [
        [run(1, false), YOURS],
        [run(2, true), YOURS],
      ],
      [],
      0,
    ],
    [
      'a slot counted once (a replica ran it too)',
      [
        [run(1, false), YOURS],
        [run(1, false), YOURS],
      ],
      [],
      1,
    ],
  ] as [string, [RunResult, Verdict][], string[], number][])('%s', (_name, runs, kinds, failures) => {
    const result = replay(runs);
    expect(result.kinds).toEqual(kinds);
    expect(result.state.failures).toBe(failures);
  });

  it('derives the same ids from the same runs, and keys the episode by its first failed slot', () => {
    const a = afterRun(
      'auth-health',
      afterRun('auth-health', NEW_CHECK, run(1, false), 2, YOURS).state,
      run(2, false),
      2,
      YOURS,
    );
    const b = afterRun(
      'auth-health',
      afterRun('auth-health', NEW_CHECK, run(1, false), 2, YOURS).state,
      run(2, false),
      2,
      YOURS,
    );
    expect(a.events[0]?.id).toBe(b.events[0]?.id);
    expect(a.events[0]?.id).toBe('check:auth-health:2026-12-07T10%3A00%3A01.000Z');
  });
});

describe('summarize', () => {
  it('ratio, p95 of passing runs, and a strip with ✕ for failures', () => {
    const runs = [run(1, true, 100), run(2, true, 800), run(3, false), run(4, true, 100)];
    const summary = summarize(runs, '2026-12-07T00:00:00Z');
    expect(summary).toMatchObject({ runs: 4, successRatio: 0.75, p95LatencyMs: 800 });
    expect(summary.strip).toBe('▁█✕▁');
    expect(summarize(runs, '2026-12-08T00:00:00Z')).toMatchObject({
      runs: 0,
      successRatio: undefined,
      strip: '',
    });
  });
});

describe('parseChecksFile', () => {
  const env = { HEALTH_TOKEN: 'secret-123' };
  it('reads a good file with defaults, expanding environment variables in values only', () => {
    const parsed = parseChecksFile(
      `checks:\n  - name: auth-health\n    url: https://app.example.com/api/auth/health\n    every: 1m\n    headers: { Authorization: "Bearer \${HEALTH_TOKEN}" }\n    expect: { body: '"ok":true' }\njobs:\n  - name: export\n    url: https://app.example.com/cron\n    cron: "0 3 * * *"\n    holdWhileClerkDown: true\n`,
      env,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.checks[0]).toMatchObject({
      schedule: { kind: 'every', ms: 60_000 },
      method: 'GET',
      timeoutMs: 10_000,
      failures: 2,
      headers: { Authorization: 'Bearer secret-123' },
      expect: { body: '"ok":true' },
    });
    expect(parsed.config.jobs[0]).toMatchObject({
      method: 'POST',
      retries: 3,
      holdWhileClerkDown: true,
      schedule: { kind: 'cron' },
    });
  });

  it('lists every problem at once', () => {
    const parsed = parseChecksFile(
      `checks:\n  - name: a\n    url: ftp://x\n    every: 0s\n  - name: a\n    url: https://x.example\n    cron: "not cron"\n    headers: { X: "\${MISSING}" }\n  - name: b\n    url: https://x.example\njobs:\n  - name: j\n    url: https://x.example\n    cron: "* * * * *"\n    retries: 99\n`,
      {},
    );
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : parsed.problems.join('\n');
    for (const part of ['url', 'MISSING} is not set', 'retries']) expect(text).toContain(part);
  });

  it('reports bad schedules and duplicate names together', () => {
    const parsed = parseChecksFile(
      `checks:\n  - name: a\n    url: https://x.example\n    every: 0s\n  - name: a\n    url: https://x.example\n    cron: "not cron"\n  - name: b\n    url: https://x.example\n`,
      {},
    );
    const text = parsed.ok ? '' : parsed.problems.join('\n');
    expect(text).toContain('checks[0].every');
    expect(text).toContain('checks[1].cron');
    expect(text).toContain('checks[2]: give exactly one');
    expect(text).toContain('used twice');
  });

  it('says where broken YAML is', () => {
    const parsed = parseChecksFile('checks: [\n  - name: x', {});
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems[0]).toMatch(/^YAML: /);
  });
});

describe('a channel turning own-check alerts off', () => {
  const sub = defaultSubscription('T', 'C', 'U', '2026-12-07T00:00:00Z');
  const failing = {
    kind: 'check.failing' as const,
    id: 'x',
    at: '2026-12-07T10:00:00Z',
    check: { name: 'a', since: '2026-12-07T10:00:00Z', failures: 2, last: run(1, false), verdict: YOURS },
  };
  it('the filter: on by default (also for subscriptions saved before the switch), off when set', () => {
    expect(wants(sub, failing)).toBe(true);
    expect(wants({ ...sub, checks: undefined }, failing)).toBe(true);
    expect(wants({ ...sub, checks: false }, failing)).toBe(false);
  });
  it('the settings modal offers the switch only with a checks file, and reads it back', () => {
    const blockIds = (checks: boolean) =>
      renderSettingsModal(sub, [], [], 'ops', { probes: false, checks }).blocks.map((b) => b.block_id);
    expect(blockIds(true)).toContain('own_checks');
    expect(blockIds(false)).not.toContain('own_checks');
    const meta = JSON.stringify({ teamId: 'T', channelId: 'C' });
    const off = readSettingsForm(
      meta,
      { own_checks: { own_checks: { selected_option: { value: 'off' } } } },
      [],
    );
    expect(off.ok && off.checks).toBe(false);
    const absent = readSettingsForm(meta, {}, []);
    expect(absent.ok && absent.checks).toBeUndefined();
  });
});
