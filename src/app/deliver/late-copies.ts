/**
 * A paused process's late send: its call went out after another process had taken its claim over and posted, so
 * two messages carry one delivery id. No check before a call can prevent it (a process can be frozen between its
 * last check and the socket write for any length of time), so whoever notices repairs it: the late sender, when
 * its record was taken over under it or its call failed after its lease lapsed. Once the send window has settled, it
 * deletes every message with that delivery id but the one the record names.
 */
import type { DeliveryObserver, Log } from '../ports/observability.js';
import type { MessageSender } from '../ports/slack.js';
import type { DeliveryRecords } from './delivery-records.js';

export interface LateCopy {
  teamId: string;
  channelId: string;
  deliveryId: string;
  /** The thread the message went into (replies are found there). */
  threadTs?: string;
  /** When the delivery was first claimed: nothing older is looked at. */
  since: number;
}

export interface LateCopiesDeps {
  sender: MessageSender;
  records: DeliveryRecords;
  log: Log;
  /** How long a call may take to land in Slack after it was made: the sweep waits this long first. */
  settleMs: number;
  observer?: DeliveryObserver;
}

/** Sweeps wait for the other process to record its post; past this many tries, the record is left as it is. */
const MAX_TRIES = 5;

export class LateCopies {
  constructor(private readonly deps: LateCopiesDeps) {}

  /** Sweeps this delivery once the send window has settled (and again while the record is not final yet). */
  sweepSoon(copy: LateCopy, tries = 1): void {
    const timer = setTimeout(() => void this.sweep(copy, tries), this.deps.settleMs);
    timer.unref();
  }

  async sweep(copy: LateCopy, tries = 1): Promise<void> {
    const { sender, records, log } = this.deps;
    const context = { team: copy.teamId, channel: copy.channelId, delivery: copy.deliveryId };
    try {
      const record = await records.current(copy.deliveryId);
      if (record?.state !== 'sent') {
        if (tries < MAX_TRIES) this.sweepSoon(copy, tries + 1);
        return;
      }
      const all = await sender.findAll(copy.teamId, copy.channelId, copy.deliveryId, {
        oldestMs: copy.since,
        ...(copy.threadTs ? { threadTs: copy.threadTs } : {}),
      });
      for (const ts of all.filter((t) => t !== record.ts)) {
        await sender.delete(copy.teamId, copy.channelId, ts);
        this.deps.observer?.delivery?.('late_copy_deleted');
        log.warn(
          { ...context, ts, kept: record.ts },
          'a paused process posted after another took over; deleted the extra copy',
        );
      }
    } catch (error) {
      log.warn({ ...context, err: error }, 'could not check for a late copy; will try again');
      if (tries < MAX_TRIES) this.sweepSoon(copy, tries + 1);
    }
  }
}
