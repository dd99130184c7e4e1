import { describe, expect, it } from 'vitest';
import { parsePublishableKey, publishableKeyFor } from '../../../src/core/early-warning/publishable-key.js';

describe('the Frontend API host from a publishable key', () => {
  it.each([
    [
      'a development instance',
      publishableKeyFor('calm-lion-12.clerk.accounts.dev'),
      'https://calm-lion-12.clerk.accounts.dev',
      'test',
    ],
    [
      'a production instance',
      publishableKeyFor('clerk.example.com', 'live'),
      'https://clerk.example.com',
      'live',
    ],
    ['a host with a port', publishableKeyFor('127.0.0.1:4010'), 'https://127.0.0.1:4010', 'test'],
    // Keys are standard base64; missing padding still reads.
    [
      'no padding',
      publishableKeyFor('clerk.example.com').replace(/=+$/, ''),
      'https://clerk.example.com',
      'test',
    ],
  ])('%s', (_, key, url, environment) => {
    expect(parsePublishableKey(key)).toEqual({ ok: true, frontendApiUrl: url, environment });
  });

  it.each([
    ['another prefix', 'sk_test_Y2xlcmsuZXhhbXBsZS5jb20k', /pk_live_/],
    ['no encoded part', 'pk_test_', /pk_live_/],
    ['not base64', 'pk_test_%%%%', /pk_live_/],
    ['no trailing $', `pk_test_${btoa('clerk.example.com')}`, /must end in "\$"/],
    ['a path hidden in it', `pk_test_${btoa('evil.example/path$')}`, /host name/],
    ['credentials in it', `pk_test_${btoa('user@evil.example$')}`, /host name/],
    ['an empty host', `pk_test_${btoa('$')}`, /host name/],
  ])('refuses %s', (_, key, reason) => {
    const parsed = parsePublishableKey(key);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
