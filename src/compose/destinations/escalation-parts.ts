/** What PagerDuty and the webhook share: their delivery records and the outgoing sender, one per destination. */
import { randomUUID } from 'node:crypto';
import { DeliveryRecords } from '../../app/deliver/delivery-records.js';
import { OutgoingSender } from '../../app/escalate/outgoing-sender.js';
import type { Runtime } from '../runtime.js';

/** A call's deadline (adapters/http/post-json.ts): how long after a renewal a call may still land. */
const CALL_TIMEOUT_MS = 10_000;

export function outgoingSender(
  rt: Runtime,
  name: string,
  scheduleMs: readonly number[],
  minGapMs = 0,
): OutgoingSender {
  rt.destinationBoard.register(name);
  return new OutgoingSender({
    name,
    store: rt.store,
    records: new DeliveryRecords(
      rt.store,
      randomUUID(),
      rt.clock,
      rt.timing.deliveryClaimMs,
      CALL_TIMEOUT_MS,
    ),
    board: rt.destinationBoard,
    clock: rt.clock,
    log: rt.log,
    observer: rt.metrics,
    retryScheduleMs: rt.options.outgoingRetryMs ?? scheduleMs,
    minGapMs: rt.options.outgoingMinGapMs ?? minGapMs,
  });
}
