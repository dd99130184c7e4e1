import { describe, expect, it } from 'vitest';
import { INITIAL_SIGNAL, type SignalState } from '../../../src/core/early-warning/signal.js';
import type { ProbeResult } from '../../../src/core/events/probes.js';
import { renderHomeView } from '../../../src/core/render/home-view.js';
import { describeProbes } from '../../../src/core/render/probe-line.js';
import { renderStatusReply } from '../../../src/core/render/status-reply.js';

const now = Date.parse('2026-03-10T14:05:00Z');
const ok = (endpoint: ProbeResult['endpoint'], latencyMs: number): ProbeResult => ({
  endpoint,
  outcome: 'ok',
  status: 200,
  latencyMs,
});
const seen = (results: ProbeResult[], over: Partial<SignalState> = {}): SignalState => ({
  ...INITIAL_SIGNAL,
  lastRound: { at: '2026-03-10T14:04:30Z', results },
  ...over,
});
const healthy = seen([ok('frontend.health', 42), ok('frontend.environment', 38), ok('backend.jwks', 80)]);

describe('what the probes see, in one line', () => {
  it.each([
    ['probes not run yet', undefined, undefined],
    ['all healthy', healthy, 'From here: Frontend API healthy, 42 ms; Backend API healthy, 80 ms'],
    [
      'a failing family, with since when',
      seen(
        [
          { endpoint: 'frontend.health', outcome: 'http_5xx', status: 503, latencyMs: 9 },
          ok('backend.jwks', 80),
        ],
        {
          phase: 'warning',
          failing: {
            frontend: { family: 'frontend', since: '2026-03-10T14:03:00Z', rounds: 4, results: [] },
          },
        },
      ),
      'From here: Frontend API failing (/v1/health 503) for 2 min; Backend API healthy, 80 ms · early warning out (unconfirmed)',
    ],
    [
      'a refused probe',
      seen([
        ok('frontend.health', 40),
        { endpoint: 'backend.jwks', outcome: 'refused', status: 401, latencyMs: 5 },
      ]),
      'From here: Frontend API healthy, 40 ms; Backend API refuses the probe (401: check the key)',
    ],
    [
      'our own network down',
      seen([], { network: { since: '2026-03-10T14:04:00Z' } }),
      "From here: nothing answers, not Clerk, its status page or Slack, since 1 min: this bot's own network is the problem",
    ],
    [
      'maintenance mode',
      seen([ok('frontend.health', 42)], { maintenance: { since: '2026-03-10T14:00:00Z' } }),
      'From here: Frontend API healthy, 42 ms · Clerk Maintenance Mode is on',
    ],
  ])('%s', (_, state, line) => {
    expect(describeProbes(state, now)).toBe(line);
  });

  it('shows in the /clerk-status answer and the App Home, and not when the probes do not run', () => {
    const base = {
      snapshot: undefined,
      lastCheckedAt: undefined,
      now,
      statusPageUrl: 'https://status.clerk.com',
    };
    expect(JSON.stringify(renderStatusReply({ ...base, staleAfterMs: 90_000, probes: healthy }))).toContain(
      'Frontend API healthy, 42 ms',
    );
    expect(JSON.stringify(renderHomeView({ ...base, subscriptions: [], probes: healthy }))).toContain(
      'Backend API healthy, 80 ms',
    );
    expect(JSON.stringify(renderStatusReply({ ...base, staleAfterMs: 90_000 }))).not.toContain('From here');
  });
});
