/**
 * A status page on loopback that serves recorded Clerk snapshots, with timestamps shifted to the present,
 * ETags and 304s, and injectable faults (HTTP errors with Retry-After, slow answers, resets, HTML error
 * pages, truncated or schema-breaking JSON). Used by tests, the replay script and the simulator.
 *
 * A poll reads both documents at once; one that a `serve()` lands between would see half of each step (the
 * incident without its component change), which makes a test's transcript depend on timing. So the second document
 * of a poll (its other path, asked within POLL_PAIR_MS of the first) comes from the same step as the first.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shiftTimestamps, type Timeline } from './timeline.js';

/** Two requests for the two documents this close together are one poll. */
const POLL_PAIR_MS = 250;

export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'html' }
  | { kind: 'truncated' }
  | { kind: 'json'; body: unknown };

export interface RecordedRequest {
  path: string;
  ifNoneMatch?: string;
  status: number;
}

export class FakeStatusPage {
  readonly requests: RecordedRequest[] = [];
  private documents: Record<string, string> = {};
  /** The documents the last request was answered from, to answer its poll's other document alike. */
  private lastServed: { path: string; at: number; documents: Record<string, string> } | undefined;
  private faults: Fault[] = [];
  private persistentFault: Fault | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(port = 0): Promise<FakeStatusPage> {
    let page: FakeStatusPage | undefined;
    const server = createServer((req, res) => page?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address() as AddressInfo;
    page = new FakeStatusPage(server, `http://127.0.0.1:${address.port}`);
    return page;
  }

  /** Serves these bodies from now on. */
  serve(summary: unknown, incidents: unknown): void {
    this.documents = {
      '/api/v2/summary.json': JSON.stringify(summary),
      '/api/v2/incidents.json': JSON.stringify(incidents),
    };
  }

  /**
   * Serves step `index` of a timeline as happening now (the replay clock): its fetch time becomes the present, so
   * nothing it says lies in the future, however the timeline is compressed.
   */
  serveStepNow(timeline: Timeline, index: number, now = Date.now()): void {
    const step = timeline.steps[index];
    if (!step) throw new Error(`${timeline.name} has no step ${index}`);
    this.serveStep(timeline, index, now - Date.parse(step.fetchedAt));
  }

  /** Resolves at the first request anyone makes (a replay starts its timeline when the bot is there). */
  firstRequest(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.requests.length > 0 ? resolve() : setTimeout(check, 50));
      check();
    });
  }

  /** Serves step `index` of a timeline, with every timestamp moved by `offsetMs`. */
  serveStep(timeline: Timeline, index: number, offsetMs = 0): void {
    const step = timeline.steps[index];
    if (!step) throw new Error(`${timeline.name} has no step ${index}`);
    this.serve(shiftTimestamps(step.summary, offsetMs), shiftTimestamps(step.incidents, offsetMs));
  }

  /** The next requests (one per fault) fail this way. */
  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Every request fails this way until cleared with `failAlways(undefined)`. */
  failAlways(fault: Fault | undefined): void {
    this.persistentFault = fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const ifNoneMatch = req.headers['if-none-match'];
    const record = (status: number) =>
      this.requests.push({ path, status, ...(typeof ifNoneMatch === 'string' ? { ifNoneMatch } : {}) });
    const fault = this.faults.shift() ?? this.persistentFault;
    const body = this.documentsFor(path)[path];

    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'reset') {
      record(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      record(fault.status);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers).end('{"error":"fault injected"}');
      return;
    }
    if (fault?.kind === 'html') {
      record(200);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body>Bad gateway</body></html>');
      return;
    }
    if (body === undefined) {
      record(404);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    if (fault?.kind === 'truncated') {
      record(200);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    if (fault?.kind === 'json') {
      record(200);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fault.body));
      return;
    }
    const etag = `W/"${createHash('sha1').update(body).digest('hex')}"`;
    if (ifNoneMatch === etag) {
      record(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    record(200);
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  }

  private documentsFor(path: string): Record<string, string> {
    const last = this.lastServed;
    const paired = last && last.path !== path && Date.now() - last.at < POLL_PAIR_MS;
    const documents = paired ? last.documents : this.documents;
    this.lastServed = paired ? undefined : { path, at: Date.now(), documents };
    return documents;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
