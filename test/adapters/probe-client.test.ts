/** The probe client over loopback against the fake Clerk: every mode classified, the rules of spacing kept. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ClerkMode, FakeClerk } from '../../devkit/fake-clerk.js';
import { HttpControlCheck } from '../../src/adapters/clerk/control-check.js';
import { ClerkProbeClient } from '../../src/adapters/clerk/probe-client.js';
import { networkErrorKind } from '../../src/adapters/http/network-error.js';
import { isFailure } from '../../src/core/early-warning/probes.js';

let clerk: FakeClerk;
const clients: ClerkProbeClient[] = [];
const client = (over: Partial<ConstructorParameters<typeof ClerkProbeClient>[0]> = {}) => {
  const c = new ClerkProbeClient({
    frontendApiUrl: clerk.url,
    backend: { apiUrl: clerk.url, secretKey: clerk.secretKey },
    timeoutMs: 500,
    slowMs: 200,
    usersCountEveryMs: 60_000,
    ...over,
  });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  clerk = await FakeClerk.start();
  clerk.slowMs = 300;
});
beforeEach(() => {
  clerk.mode.frontend = 'ok';
  clerk.mode.backend = 'ok';
  clerk.maintenanceMode = false;
  clerk.retryAfterSeconds = undefined;
  clerk.requests.length = 0;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await clerk.close();
});

describe('probing the Clerk instance', () => {
  it('probes all four read-only endpoints, the Backend API with the key only, users/count at most once a minute', async () => {
    const probe = client();
    const first = await probe.round();
    expect(first.map((r) => [r.endpoint, r.outcome, r.status])).toEqual([
      ['frontend.health', 'ok', 200],
      ['frontend.environment', 'ok', 200],
      ['backend.jwks', 'ok', 200],
      ['backend.users_count', 'ok', 200],
    ]);
    expect(first.find((r) => r.endpoint === 'frontend.environment')?.maintenanceMode).toBe(false);
    const second = await probe.round();
    expect(second.map((r) => r.endpoint)).toEqual([
      'frontend.health',
      'frontend.environment',
      'backend.jwks',
    ]);
    for (const request of clerk.requests)
      expect(request.authorization).toBe(
        request.family === 'backend' ? `Bearer ${clerk.secretKey}` : undefined,
      );
    expect(clerk.requests.every((r) => r.path.startsWith('/v1/'))).toBe(true);
  });

  it.each([
    ['503', 'http_5xx', 503],
    ['500', 'http_5xx', 500],
    ['429', 'rate_limited', 429],
    ['slow', 'slow', 200],
    ['hang', 'timeout', undefined],
    ['reset', 'tcp', undefined],
  ] as [ClerkMode, string, number | undefined][])(
    'reads a Frontend API in mode %s as %s',
    async (mode, outcome, status) => {
      clerk.mode.frontend = mode;
      const started = Date.now();
      const results = await client({ backend: undefined }).round();
      expect(Date.now() - started).toBeLessThan(1_500); // a hanging target never holds a round past its timeout
      for (const r of results) expect([r.outcome, r.status]).toEqual([outcome, status]);
      expect(clerk.faultsFired('frontend')).toBe(2);
    },
  );

  it('reads a wrong secret key as refused (our configuration), not as Clerk failing', async () => {
    const results = await client({ backend: { apiUrl: clerk.url, secretKey: 'sk_test_wrong' } }).round();
    expect(results.filter((r) => r.endpoint.startsWith('backend')).map((r) => [r.outcome, r.status])).toEqual(
      [
        ['refused', 401],
        ['refused', 401],
      ],
    );
  });

  it('sees Maintenance Mode in /v1/environment', async () => {
    clerk.maintenanceMode = true;
    const results = await client().round();
    expect(results.find((r) => r.endpoint === 'frontend.environment')?.maintenanceMode).toBe(true);
  });

  it('counts a 200 that is an HTML error page as failing, with the reason', async () => {
    clerk.mode.frontend = 'html';
    clerk.mode.backend = 'html';
    const results = await client().round();
    expect(clerk.requests.filter((r) => r.mode === 'html').length).toBe(results.length); // the fault fired
    for (const r of results)
      expect(r, r.endpoint).toMatchObject({
        outcome: 'unexpected_body',
        status: 200,
        reason: 'not JSON (text/html)',
      });
    expect(isFailure('unexpected_body')).toBe(true);
  });

  it('takes healthy answers of the right shape as healthy', async () => {
    const results = await client().round();
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('spaces a 429 by its Retry-After, and still counts it', async () => {
    clerk.mode.backend = '429';
    clerk.retryAfterSeconds = 60;
    const probe = client({ frontendApiUrl: clerk.url });
    await probe.round();
    const jwksBefore = clerk.requests.filter((r) => r.path === '/v1/jwks').length;
    const again = await probe.round();
    expect(clerk.requests.filter((r) => r.path === '/v1/jwks').length).toBe(jwksBefore);
    expect(again.find((r) => r.endpoint === 'backend.jwks')?.outcome).toBe('rate_limited');
  });

  it('tells a refused connection and an unknown host apart', async () => {
    const closed = await FakeClerk.start();
    const url = closed.url;
    await closed.close();
    const [refused] = await client({ frontendApiUrl: url, backend: undefined }).round();
    expect(refused?.outcome).toBe('tcp');
    const [unknown] = await client({
      frontendApiUrl: 'http://no-such-host.invalid',
      backend: undefined,
      timeoutMs: 2_000,
    }).round();
    expect(['dns', 'timeout']).toContain(unknown?.outcome);
    expect(networkErrorKind({ code: 'UND_ERR_CONNECT_TIMEOUT' })).toBe('timeout');
    expect(networkErrorKind({ cause: { code: 'ENOTFOUND' } })).toBe('dns');
    expect(networkErrorKind({ cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' } })).toBe('tls');
    expect(networkErrorKind({ code: 'ECONNRESET' })).toBe('tcp');
  });

  it('has a control that answers while anything at all answers', async () => {
    const closed = await FakeClerk.start();
    const deadUrl = `${closed.url}/x`;
    await closed.close();
    const live = new HttpControlCheck([deadUrl, `${clerk.url}/nothing-here`], 500);
    const dead = new HttpControlCheck([deadUrl], 500);
    expect(await live.reachable()).toBe(true); // a 404 is an answer: the network works
    expect(await dead.reachable()).toBe(false);
    await Promise.all([live.close(), dead.close()]);
  });
});
