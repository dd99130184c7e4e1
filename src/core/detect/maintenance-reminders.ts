/**
 * Reminders before scheduled maintenance, derived from what is stored (the page's schedule) and the time, not
 * from timers: whatever process leads after each poll asks which reminders are due now, so one due while the bot
 * was down is found at the next start. One event per maintenance, window and lead (the channels whose `reminder`
 * is that lead take it); its id names all three, so a moved window reminds again and the same one never twice.
 */
import type { BotEvent } from '../events/bot-event.js';
import { eventId } from '../events/ids.js';
import type { Maintenance } from '../events/page.js';

/** Sent later than this after it was due, a reminder says it is late. */
export const REMINDER_LATE_AFTER_MS = 2 * 60_000;

/**
 * The reminders due at `nowMs` for the given leads (ms, each > 0): for every maintenance still scheduled whose
 * window has not begun and whose start is within the lead. Once the window began no reminder is sent: the start
 * itself is the news then.
 */
export type ReminderEvent = Extract<BotEvent, { kind: 'maintenance.reminder' }>;

export function dueReminders(maintenances: Maintenance[], leadsMs: number[], nowMs: number): ReminderEvent[] {
  const at = new Date(nowMs).toISOString();
  const events: ReminderEvent[] = [];
  for (const maintenance of maintenances) {
    if (maintenance.status !== 'scheduled' || !maintenance.scheduledFor) continue;
    const start = Date.parse(maintenance.scheduledFor);
    if (!Number.isFinite(start) || nowMs >= start) continue;
    for (const leadMs of new Set(leadsMs)) {
      const due = start - leadMs;
      if (leadMs <= 0 || nowMs < due) continue;
      events.push({
        kind: 'maintenance.reminder',
        id: eventId('maintenance', maintenance.id, 'reminder', maintenance.scheduledFor, String(leadMs)),
        at,
        maintenance,
        leadMs,
        dueAt: new Date(due).toISOString(),
        late: nowMs - due > REMINDER_LATE_AFTER_MS,
      });
    }
  }
  return events;
}

/** The soonest start among scheduled maintenance (ms), to skip reading subscriptions while none is near. */
export function nextScheduledStart(maintenances: Maintenance[], nowMs: number): number | undefined {
  const starts = maintenances
    .filter((m) => m.status === 'scheduled' && m.scheduledFor)
    .map((m) => Date.parse(m.scheduledFor as string))
    .filter((t) => Number.isFinite(t) && t > nowMs);
  return starts.length === 0 ? undefined : Math.min(...starts);
}
