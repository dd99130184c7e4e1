import { describe, expect, it } from 'vitest';
import {
  classify,
  describeOutcome,
  isFailure,
  type RawAnswer,
} from '../../../src/core/early-warning/probes.js';

const answer = (status: number, latencyMs = 40): RawAnswer => ({ kind: 'answer', status, latencyMs });

describe('classifying a probe answer', () => {
  it.each([
    ['200 in time', answer(200), 'ok', false],
    ['200 but slow', answer(200, 2_500), 'slow', true],
    ['503', answer(503), 'http_5xx', true],
    ['500', answer(500), 'http_5xx', true],
    // Clerk's 2026 outages answered 429: at a probe's rate that is a failure, never "back off quietly".
    ['429', answer(429), 'rate_limited', true],
    // A wrong key or URL is our configuration, not Clerk failing.
    ['401', answer(401), 'refused', false],
    ['404', answer(404), 'refused', false],
    ['a redirect', answer(302), 'refused', false],
    ['a timeout', { kind: 'error', error: 'timeout', latencyMs: 5_000 } as RawAnswer, 'timeout', true],
    ['a DNS error', { kind: 'error', error: 'dns', latencyMs: 3 } as RawAnswer, 'dns', true],
    ['a TCP error', { kind: 'error', error: 'tcp', latencyMs: 3 } as RawAnswer, 'tcp', true],
    ['a TLS error', { kind: 'error', error: 'tls', latencyMs: 3 } as RawAnswer, 'tls', true],
    // A proxy's or CDN's error page answered 200 while Clerk is down: not health.
    [
      '200 with an HTML page',
      { ...answer(200), unexpected: 'not JSON (text/html)' },
      'unexpected_body',
      true,
    ],
    [
      'a slow 200 with JSON of the wrong shape',
      { ...answer(200, 2_500), unexpected: 'x' },
      'unexpected_body',
      true,
    ],
  ])('%s', (_, raw, outcome, failure) => {
    const result = classify(raw, 2_000);
    expect(result).toBe(outcome);
    expect(isFailure(result)).toBe(failure);
  });

  it.each([
    [{ outcome: 'ok', latencyMs: 41.6 }, 'healthy, 42 ms'],
    [{ outcome: 'slow', latencyMs: 2_345 }, 'slow (2.3 s)'],
    [{ outcome: 'http_5xx', status: 503, latencyMs: 5 }, '503'],
    [{ outcome: 'rate_limited', status: 429, latencyMs: 5 }, '429'],
    [{ outcome: 'timeout', latencyMs: 5_000 }, 'timeout'],
    [{ outcome: 'dns', latencyMs: 1 }, 'DNS error'],
    [
      { outcome: 'unexpected_body', status: 200, latencyMs: 5, reason: 'not JSON (text/html)' },
      'unexpected answer (not JSON (text/html))',
    ],
  ] as const)('reads %j as "%s"', (result, text) => {
    expect(describeOutcome(result)).toBe(text);
  });
});
