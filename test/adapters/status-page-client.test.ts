import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeStatusPage } from '../../devkit/fake-status-page.js';
import { loadTimeline } from '../../devkit/timeline.js';
import { StatusPageClient } from '../../src/adapters/status-page/client.js';
import { isBotError } from '../../src/core/errors.js';

const timeline = loadTimeline('clerk-2026-04-26-handshake-endpoint');
let page: FakeStatusPage;
let client: StatusPageClient;

beforeAll(async () => {
  page = await FakeStatusPage.start();
});
afterAll(async () => {
  await page.close();
});
afterEach(async () => {
  page.failAlways(undefined);
  await client?.close();
});

function newClient(options: { timeoutMs?: number; maxRetries?: number } = {}) {
  client = new StatusPageClient({
    baseUrl: `${page.url}/`,
    timeoutMs: 1_500,
    maxRetryWaitMs: 2_000,
    ...options,
  });
  return client;
}

describe('status page client', () => {
  it('fetches both documents and parses them', async () => {
    page.serveStep(timeline, 1);
    const docs = await newClient().fetch();
    expect((docs.summary as { page: { name: string } }).page.name).toBe('Clerk');
    expect((docs.incidents as { incidents: unknown[] }).incidents).toHaveLength(1);
    expect(docs.bytes).toBeGreaterThan(1000);
  });

  it('sends If-None-Match after seeing an ETag and reuses the body on 304', async () => {
    page.serveStep(timeline, 1);
    const c = newClient();
    const first = await c.fetch();
    const second = await c.fetch();
    expect(second.notModified).toBe(2);
    expect(second.bytes).toBe(0);
    expect(second.summary).toEqual(first.summary);
    expect(page.requests.slice(-2).map((r) => r.status)).toEqual([304, 304]);
    expect(page.requests.at(-1)?.ifNoneMatch).toMatch(/^W\/"/);
  });

  it('retries a 500 and succeeds when the page recovers', async () => {
    page.serveStep(timeline, 0);
    page.failNext({ kind: 'status', status: 500 });
    const docs = await newClient().fetch();
    expect(docs.summary).toBeTruthy();
  });

  it('honours Retry-After on 429 before retrying', async () => {
    page.serveStep(timeline, 0);
    page.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await newClient({ timeoutMs: 5_000 }).fetch();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ['persistent 500', { kind: 'status', status: 500 } as const, 'STATUS_PAGE_HTTP', /HTTP 500/],
    ['404', { kind: 'status', status: 404 } as const, 'STATUS_PAGE_HTTP', /HTTP 404/],
    ['a slow answer', { kind: 'delay', ms: 3_000 } as const, 'STATUS_PAGE_NETWORK', /timed out/],
    ['a connection reset', { kind: 'reset' } as const, 'STATUS_PAGE_NETWORK', /./],
    ['an HTML error page', { kind: 'html' } as const, 'STATUS_PAGE_NOT_JSON', /HTML page/],
    ['truncated JSON', { kind: 'truncated' } as const, 'STATUS_PAGE_NOT_JSON', /truncated/],
  ])('fails with a clear error on %s', async (_label, fault, code, message) => {
    page.serveStep(timeline, 0);
    page.failAlways(fault);
    const error = await newClient({ maxRetries: 1 })
      .fetch()
      .catch((e: unknown) => e);
    expect(isBotError(error, code as 'STATUS_PAGE_HTTP')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
