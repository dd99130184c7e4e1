/**
 * Scheduled maintenance → steps. A maintenance is a thread of its own: the parent, posted when Clerk schedules it,
 * shows the window and where it stands and is edited as that changes; the reminder, the start, a reschedule, the
 * completion and a cancellation are replies. A channel that hears of it first later (subscribed since, or the bot
 * was installed since) gets a parent showing where it stands now; one that never got it hears nothing of its end.
 */
import type { MaintenanceEvent } from '../events/bot-event.js';
import { eventId } from '../events/ids.js';
import { wants } from '../subscriptions/filters.js';
import { reminderMsOf } from '../subscriptions/subscription.js';
import type { MaintenanceNews, MaintenancePhase, ReminderFacts } from './messages.js';
import { replyStep } from './steps.js';
import type { PlanInput, Step, ThreadState } from './types.js';

/** How far back a parent posted before the thread record was lost is looked for. */
const LOOK_BACK_MS = 7 * 24 * 3600_000;

/** The channel's reminder lead, 0 when off (a reminder already sent is not announced again). */
const leadOf = (input: PlanInput) => reminderMsOf(input.subscription);

export function maintenanceThreadId(maintenanceId: string): string {
  return eventId('maintenance', maintenanceId);
}

function phaseAfter(event: MaintenanceEvent): MaintenancePhase {
  switch (event.kind) {
    case 'maintenance.scheduled':
    case 'maintenance.rescheduled':
    case 'maintenance.reminder':
      return 'scheduled';
    case 'maintenance.started':
      return 'in_progress';
    case 'maintenance.completed':
      return 'completed';
    case 'maintenance.cancelled':
      return 'cancelled';
    default:
      return event satisfies never;
  }
}

function newsOf(event: MaintenanceEvent): MaintenanceNews | undefined {
  switch (event.kind) {
    case 'maintenance.scheduled':
      return undefined;
    case 'maintenance.reminder':
      return { change: 'reminder', reminder: reminderOf(event) };
    case 'maintenance.rescheduled':
      return { change: 'rescheduled', previous: event.previous };
    case 'maintenance.started':
      return { change: 'started' };
    case 'maintenance.completed':
      return { change: 'completed' };
    case 'maintenance.cancelled':
      return { change: 'cancelled' };
    default:
      return event satisfies never;
  }
}

function reminderOf(event: Extract<MaintenanceEvent, { kind: 'maintenance.reminder' }>): ReminderFacts {
  return { leadMs: event.leadMs, dueAt: event.dueAt, at: event.at, late: event.late };
}

export function planMaintenance(event: MaintenanceEvent, input: PlanInput): Step[] {
  const threadId = maintenanceThreadId(event.maintenance.id);
  const existing = input.threads[threadId];
  const thread = existing && !existing.gone ? existing : undefined;
  if (!thread) return firstHeard(event, input, existing);
  const news = newsOf(event);
  if (!news || thread.resolved) return [];
  // The reminder is for channels whose `reminder` is this lead; the rest of the story goes to every follower.
  if (event.kind === 'maintenance.reminder') {
    if (!wants(input.subscription, event)) return [];
    // A parent posted inside the reminder window already said when it starts.
    if (Date.parse(thread.startedAt) >= Date.parse(event.dueAt)) return [];
  }
  const phase = phaseAfter(event);
  const ends = phase === 'completed' || phase === 'cancelled';
  const reply = replyStep({
    key: `${event.id}:reply`,
    threadId,
    message: { family: 'maintenance.update', maintenance: event.maintenance, news },
  });
  if (event.kind === 'maintenance.reminder') return [reply];
  const edit: Step = {
    kind: 'edit',
    key: `${event.id}:edit:${thread.generation}`,
    threadId,
    message: { family: 'maintenance', maintenance: event.maintenance, phase, reminderMs: leadOf(input) },
    ...(ends ? { thread: { resolved: true } } : {}),
  };
  return [reply, edit];
}

/** No thread here yet (or its parent was deleted): a parent showing where the maintenance stands now. */
function firstHeard(event: MaintenanceEvent, input: PlanInput, previous: ThreadState | undefined): Step[] {
  if (!wants(input.subscription, event)) return [];
  if (event.kind === 'maintenance.completed' || event.kind === 'maintenance.cancelled') return [];
  const threadId = maintenanceThreadId(event.maintenance.id);
  const generation = (previous?.generation ?? 0) + 1;
  const reminder = event.kind === 'maintenance.reminder' ? { reminder: reminderOf(event) } : {};
  // Only the scheduling itself is surely the first word: after anything else a lost record may hide a parent.
  const mayExist = event.kind !== 'maintenance.scheduled' && !previous;
  return [
    {
      kind: 'parent',
      key: eventId('maintenance', event.maintenance.id, 'parent', String(generation)),
      threadId,
      message: {
        family: 'maintenance',
        maintenance: event.maintenance,
        phase: phaseAfter(event),
        reminderMs: leadOf(input),
        ...reminder,
      },
      ...(mayExist ? { lookBackTo: new Date(Date.parse(event.at) - LOOK_BACK_MS).toISOString() } : {}),
      starts: { story: 'maintenance', threadId, generation, startedAt: event.at, resolved: false },
    },
  ];
}
