/**
 * Handles each Slack request once. Slack re-delivers an event it thinks was missed (`X-Slack-Retry-Num`, the same
 * `event_id`), and a correctly signed slash command or button click can be replayed by anyone who captured it within
 * Bolt's five-minute signature window (the same `trigger_id`). The first sight of an id is claimed in the store, so
 * a retry arriving at another replica is recognised too; the claim outlives the window Slack retries and signatures
 * are accepted in.
 */
import { storeKey } from '../core/store-keys.js';
import type { RequestId, RequestLedgerPort } from './ports/driving.js';
import type { Log, RequestObserver } from './ports/observability.js';
import type { Store } from './ports/store.js';

/** Slack retries an event for up to about an hour (three tries); signatures are accepted for 5 minutes. */
const REMEMBERED_MS = 2 * 3600_000;

export class RequestLedger implements RequestLedgerPort {
  constructor(
    private readonly store: Store,
    private readonly log: Log,
    private readonly observer: RequestObserver,
  ) {}

  async firstTime(requestId: RequestId): Promise<boolean> {
    try {
      const first = await this.store.setIfAbsent(
        storeKey('request', requestId.kind, requestId.id),
        true,
        REMEMBERED_MS,
      );
      if (!first) {
        this.observer.repeatedRequest?.(requestId.kind);
        this.log.info(
          { requestId: requestId.id, kind: requestId.kind },
          'a Slack request seen before (a retry or a replay) was acknowledged and ignored',
        );
      }
      return first;
    } catch (error) {
      // The store is down: answering twice beats not answering a person at all (the command will say what failed).
      this.log.warn(
        { err: error, requestId: requestId.id },
        'could not check whether a Slack request was seen before',
      );
      return true;
    }
  }
}
