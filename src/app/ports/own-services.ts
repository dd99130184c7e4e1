/** The team's own services, called by scheduled checks and jobs (CHECKS_FILE). */

export interface OwnRequest {
  url: string;
  method: string;
  /** Sent as given; the adapter never logs them. */
  headers: Record<string, string>;
  timeoutMs: number;
}

/** What came back, bounded: a status and the start of the body, or why nothing usable came. */
export interface OwnResponse {
  status?: number;
  /** The first bytes of the body as text (the adapter reads no more than a bound). */
  body?: string;
  latencyMs: number;
  /** A network failure or a timeout, in a few words. */
  error?: string;
}

export interface OwnHttp {
  call(request: OwnRequest): Promise<OwnResponse>;
}
