/** Clerk's status page, as the poller needs it: two raw documents a poll, validated in the core. */
/** Raw documents from the status page, not yet validated. */
export interface StatusDocuments {
  summary: unknown;
  incidents: unknown;
  /** Bytes read from the network in this fetch (0 for 304s). */
  bytes: number;
  /** How many of the two documents answered 304 Not Modified. */
  notModified: number;
}

export interface StatusSource {
  fetch(signal?: AbortSignal): Promise<StatusDocuments>;
  close(): Promise<void>;
}
