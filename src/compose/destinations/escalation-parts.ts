/** What PagerDuty and the webhook share: their delivery records and the outgoing sender, one per destination. */
import { randomUUID } from 'node:crypto';
import { OUTGOING_TIMEOUT_MS } from '../../adapters/http/post-json.js';
import { DeliveryRecords } from '../../app/deliver/delivery-records.js';
import { OutgoingSender } from '../../app/escalate/outgoing-sender.js';
import type { Runtime } from '../runtime.js';

export function outgoingSender(rt: Runtime, name: string, scheduleMs: readonly number[]): OutgoingSender {
  rt.destinationBoard.register(name);
  return new OutgoingSender({
    name,
    store: rt.store,
    records: new DeliveryRecords(
      rt.store,
      randomUUID(),
      rt.clock,
      rt.timing.deliveryClaimMs,
      // How long after a renewal a call may still land: its deadline.
      OUTGOING_TIMEOUT_MS,
    ),
    board: rt.destinationBoard,
    clock: rt.clock,
    log: rt.log,
    observer: rt.metrics,
    retryScheduleMs: rt.options.outgoingRetryMs ?? scheduleMs,
  });
}
