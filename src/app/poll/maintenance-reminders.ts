/**
 * After each poll, on the leader: the reminders due before scheduled maintenance, derived from the stored page
 * and the time (core/detect/maintenance-reminders.ts), so one due while the bot was down goes out once at the next
 * start. Each is queued once: a marker in the store (kept until a day after the window) says it was queued, and
 * the outbox drops an id it already holds, so a crash between the two queues nothing twice.
 */
import {
  dueReminders,
  nextScheduledStart,
  type ReminderEvent,
} from '../../core/detect/maintenance-reminders.js';
import type { BotEvent } from '../../core/events/bot-event.js';
import type { Snapshot } from '../../core/events/page.js';
import { storeKey } from '../../core/store-keys.js';
import { MAX_REMINDER_MS, reminderMsOf, type Subscription } from '../../core/subscriptions/subscription.js';
import type { Store } from '../ports/store.js';

const KEPT_AFTER_START_MS = 24 * 3600_000;
/** The channels' leads are read again at most this often while a maintenance is near (well under "late"). */
const LEADS_READ_EVERY_MS = 30_000;

export interface ReminderDeps {
  store: Store;
  /** Every subscription (read only while a maintenance is within the longest lead). */
  subscriptions: () => Promise<Subscription[]>;
  enqueue: (events: BotEvent[]) => Promise<void>;
}

export class MaintenanceReminders {
  private leads: { readAt: number; values: number[] } | undefined;

  constructor(private readonly deps: ReminderDeps) {}

  /** The distinct reminder leads of channels with maintenance on. */
  private async leadsAt(nowMs: number): Promise<number[]> {
    if (this.leads && nowMs - this.leads.readAt < LEADS_READ_EVERY_MS && nowMs >= this.leads.readAt)
      return this.leads.values;
    const subscriptions = await this.deps.subscriptions();
    const values = [...new Set(subscriptions.filter((s) => s.maintenance).map(reminderMsOf))].filter(
      (ms) => ms > 0,
    );
    this.leads = { readAt: nowMs, values };
    return values;
  }

  /** Queues the reminders due now; returns how many were queued. */
  async queueDue(nowMs: number, page: Snapshot | undefined): Promise<number> {
    if (!page) return 0;
    const next = nextScheduledStart(page.maintenances, nowMs);
    if (next === undefined || next - nowMs > MAX_REMINDER_MS) return 0;
    const due = dueReminders(page.maintenances, await this.leadsAt(nowMs), nowMs);
    if (due.length === 0) return 0;
    const markers = due.map((e) => storeKey('reminded', e.id));
    const seen = await this.deps.store.getMany<boolean>(markers);
    const fresh = due.filter((_, i) => seen[i] !== true);
    if (fresh.length === 0) return 0;
    await this.deps.enqueue(fresh);
    await this.deps.store.write(
      fresh.map((event) => ({
        op: 'set' as const,
        key: storeKey('reminded', event.id),
        value: true,
        ttlMs: keptFor(event, nowMs),
      })),
    );
    return fresh.length;
  }
}

/** A reminder's marker is kept until a day after the window's start (a moved window has another id). */
function keptFor(event: ReminderEvent, nowMs: number): number {
  return Math.max(0, Date.parse(event.maintenance.scheduledFor ?? '') - nowMs || 0) + KEPT_AFTER_START_MS;
}
