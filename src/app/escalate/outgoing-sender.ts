/**
 * Sends one outgoing delivery (a PagerDuty event, a webhook POST) exactly once as far as this side can tell: claimed
 * in the store first and fenced right before the call (the same delivery records as Slack's), recorded after. A
 * claim left unrecorded by a crash is sent again once its owner's send window passed: neither receiver can be asked
 * what it got, and both fold a repeat into the first (PagerDuty by dedup key, webhook receivers by `webhook-id`);
 * the repeat is counted (`resent`). A 429, a 5xx or a network error waits and tries again, on the destination's
 * schedule, for up to a day; anything else is refused: reported and never retried.
 */
import { classifyAnswer, GIVE_UP_AFTER_MS, retryWaitMs } from '../../core/deliver/outgoing-answers.js';
import { storeKey } from '../../core/store-keys.js';
import type { DeliveryRecords } from '../deliver/delivery-records.js';
import type { EscalationObserver, OutgoingAnswer } from '../ports/escalation.js';
import type { Clock, Log } from '../ports/observability.js';
import type { Store } from '../ports/store.js';
import type { DestinationBoard } from './destination-board.js';

export interface OutgoingItem {
  /** Unique per delivery, stable across restarts: names its record in the store. */
  deliveryId: string;
  send(signal?: AbortSignal): Promise<OutgoingAnswer>;
}

export interface OutgoingSenderDeps {
  /** The destination's name: `pagerduty`, `webhook`. */
  name: string;
  store: Store;
  records: DeliveryRecords;
  board: DestinationBoard;
  clock: Clock;
  log: Log;
  observer?: EscalationObserver;
  retryScheduleMs: readonly number[];
}

interface RetryState {
  attempts: number;
  firstAt: number;
  nextAt: number;
}

/** `done`: delivered, refused or given up (never again); `later`: waits for its next attempt. */
export type ItemResult = 'done' | 'later';

export class OutgoingSender {
  constructor(private readonly deps: OutgoingSenderDeps) {}

  private retryKey(deliveryId: string): string {
    return storeKey('outgoing', this.deps.name, deliveryId);
  }

  async deliver(item: OutgoingItem, signal?: AbortSignal): Promise<ItemResult> {
    const { records, clock } = this.deps;
    const retry = await this.deps.store.get<RetryState>(this.retryKey(item.deliveryId));
    if (retry && retry.nextAt > clock.now()) return 'later';
    const claim = await records.claim(item.deliveryId);
    if (claim.kind === 'sent' || claim.kind === 'dropped') return 'done';
    if (claim.kind === 'busy') return 'later';
    if (claim.lookUpFirst) this.deps.observer?.outgoing?.(this.deps.name, 'resent');
    if (signal?.aborted || !(await records.renew(item.deliveryId))) {
      records.abandon(item.deliveryId);
      return 'later';
    }
    const answer = await item.send(signal);
    return this.settle(item.deliveryId, answer, retry);
  }

  private async settle(deliveryId: string, answer: OutgoingAnswer, retry?: RetryState): Promise<ItemResult> {
    const { name, records, board, log, observer } = this.deps;
    const outcome = classifyAnswer(answer);
    switch (outcome.kind) {
      case 'delivered':
        await records.recordSent(deliveryId, String(answer.status), [
          { op: 'delete', key: this.retryKey(deliveryId) },
        ]);
        board.delivered(name, deliveryId);
        observer?.outgoing?.(name, 'delivered');
        return 'done';
      case 'refused':
        await records.recordDropped(deliveryId, outcome.reason, [
          { op: 'delete', key: this.retryKey(deliveryId) },
        ]);
        board.refused(name, deliveryId, outcome.reason);
        observer?.outgoing?.(name, 'refused');
        log.error(
          { destination: name, delivery: deliveryId, reason: outcome.reason },
          `${name} refused a delivery; not retried`,
        );
        return 'done';
      case 'retry':
        return this.later(deliveryId, outcome.reason, answer, retry, outcome.retryAfterMs);
      default:
        return outcome satisfies never;
    }
  }

  private async later(
    deliveryId: string,
    reason: string,
    answer: OutgoingAnswer,
    retry: RetryState | undefined,
    retryAfterMs: number | undefined,
  ): Promise<ItemResult> {
    const { name, records, board, log, observer, clock } = this.deps;
    // An answer with a status says nothing was taken: the next try sends fresh. No answer may have landed.
    if (answer.status !== undefined) await records.release(deliveryId);
    else records.abandon(deliveryId);
    const now = clock.now();
    const attempts = (retry?.attempts ?? 0) + 1;
    const firstAt = retry?.firstAt ?? now;
    if (now - firstAt >= GIVE_UP_AFTER_MS) {
      await records.recordDropped(deliveryId, `gave up after a day: ${reason}`, [
        { op: 'delete', key: this.retryKey(deliveryId) },
      ]);
      board.gaveUp(name, deliveryId);
      observer?.outgoing?.(name, 'gave_up');
      log.error(
        { destination: name, delivery: deliveryId, reason, attempts },
        `${name}: gave up after a day`,
      );
      return 'done';
    }
    const nextAt = now + retryWaitMs(attempts, this.deps.retryScheduleMs, retryAfterMs);
    const state: RetryState = { attempts, firstAt, nextAt };
    await this.deps.store.set(this.retryKey(deliveryId), state, GIVE_UP_AFTER_MS + 3_600_000);
    board.failed(name, deliveryId, reason);
    observer?.outgoing?.(name, 'retried');
    log.warn(
      { destination: name, delivery: deliveryId, reason, attempts, nextAt: new Date(nextAt).toISOString() },
      `${name}: will retry`,
    );
    return 'later';
  }
}
