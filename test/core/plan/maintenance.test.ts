/**
 * The maintenance lifecycle over a built Atlassian-shaped timeline (Clerk's incident.io page publishes none):
 * what the diff sees at each poll, which reminders are due when, and what one channel is sent for each.
 */
import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/core/detect/diff.js';
import { dueReminders, REMINDER_LATE_AFTER_MS } from '../../../src/core/detect/maintenance-reminders.js';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import type { Maintenance, Snapshot } from '../../../src/core/events/page.js';
import { renderMessage } from '../../../src/core/render/message.js';
import { defaultSubscription, type Subscription } from '../../../src/core/subscriptions/subscription.js';
import { planChannel } from '../../helpers/plan-channel.js';

const HOUR = 3_600_000;
const START = '2026-12-08T02:00:00.000Z';
const START_MS = Date.parse(START);
const m: Maintenance = {
  id: 'mnt1',
  name: 'Database upgrade',
  status: 'scheduled',
  url: 'https://status.example.com/incidents/mnt1',
  componentIds: [],
  scheduledFor: START,
  scheduledUntil: '2026-12-08T04:00:00.000Z',
};
const at = (ms: number) => new Date(ms).toISOString();
const snap = (fetchedMs: number, maintenances: Maintenance[]): Snapshot => ({
  page: { name: 'Clerk', url: 'https://status.example.com' },
  components: [],
  incidents: [],
  maintenances,
  fetchedAt: at(fetchedMs),
});
const kinds = (events: BotEvent[]) => events.map((e) => e.kind);

describe('maintenance in the diff', () => {
  const t0 = START_MS - 48 * HOUR;
  it.each([
    ['scheduled', [], [m], ['maintenance.scheduled']],
    ['moved', [m], [{ ...m, scheduledFor: '2026-12-09T02:00:00.000Z' }], ['maintenance.rescheduled']],
    ['end moved', [m], [{ ...m, scheduledUntil: '2026-12-08T05:00:00.000Z' }], ['maintenance.rescheduled']],
    ['same window', [m], [{ ...m, latestBody: 'More words' }], []],
    ['started', [m], [{ ...m, status: 'in_progress' }], ['maintenance.started']],
    ['in progress → verifying', [{ ...m, status: 'in_progress' }], [{ ...m, status: 'verifying' }], []],
    [
      'completed',
      [{ ...m, status: 'in_progress' }],
      [{ ...m, status: 'completed' }],
      ['maintenance.completed'],
    ],
    ['left while active', [{ ...m, status: 'in_progress' }], [], ['maintenance.completed']],
    ['left before its window: cancelled', [m], [], ['maintenance.cancelled']],
  ] as const)('%s', (_name, before, after, expected) => {
    const events = diff(snap(t0, [...before]), snap(t0 + 60_000, [...after]));
    expect(kinds(events)).toEqual(expected);
  });

  it('a scheduled one that left after its start ran between two polls: completed, not cancelled', () => {
    const events = diff(snap(START_MS - 60_000, [m]), snap(START_MS + 3 * HOUR, []));
    expect(kinds(events)).toEqual(['maintenance.completed']);
  });

  it('each move has its own id; the same diff twice gives the same ids', () => {
    const moved = { ...m, scheduledFor: '2026-12-09T02:00:00.000Z' };
    const a = diff(snap(t0, [m]), snap(t0 + 1, [moved]));
    const b = diff(snap(t0 + 5, [m]), snap(t0 + 9, [moved]));
    const back = diff(snap(t0, [moved]), snap(t0 + 1, [m]));
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
    expect(back[0]?.id).not.toBe(a[0]?.id);
  });
});

describe('reminders, derived from the schedule and the time', () => {
  it.each([
    ['well before', START_MS - 3 * HOUR, [HOUR], []],
    ['exactly due', START_MS - HOUR, [HOUR], [{ leadMs: HOUR, late: false }]],
    ['a minute after due', START_MS - HOUR + 60_000, [HOUR], [{ leadMs: HOUR, late: false }]],
    ['due while the bot was down', START_MS - 20 * 60_000, [HOUR], [{ leadMs: HOUR, late: true }]],
    ['the window began', START_MS, [HOUR], []],
    ['two leads, one due', START_MS - 45 * 60_000, [HOUR, 15 * 60_000], [{ leadMs: HOUR, late: true }]],
    ['the same lead twice is one reminder', START_MS - HOUR, [HOUR, HOUR], [{ leadMs: HOUR, late: false }]],
  ] as const)('%s', (_name, now, leads, expected) => {
    const events = dueReminders([m], [...leads], now);
    expect(
      events.map((e) => (e.kind === 'maintenance.reminder' ? { leadMs: e.leadMs, late: e.late } : e)),
    ).toEqual(expected);
  });

  it('only for maintenance still scheduled with a start', () => {
    const now = START_MS - 30 * 60_000;
    expect(dueReminders([{ ...m, status: 'in_progress' }], [HOUR], now)).toEqual([]);
    const { scheduledFor: _unused, ...noStart } = m;
    expect(dueReminders([noStart], [HOUR], now)).toEqual([]);
  });

  it('the id names the maintenance, the window and the lead: the same at every tick, new for a moved window', () => {
    const a = dueReminders([m], [HOUR], START_MS - HOUR)[0]?.id;
    const b = dueReminders([m], [HOUR], START_MS - HOUR + REMINDER_LATE_AFTER_MS * 3)[0]?.id;
    const moved = dueReminders([{ ...m, scheduledFor: at(START_MS + HOUR) }], [HOUR], START_MS - HOUR / 2)[0]
      ?.id;
    expect(a).toBe(b);
    expect(moved).not.toBe(a);
  });
});

describe('what one channel is sent', () => {
  const sub: Subscription = defaultSubscription('T', 'C', 'U', at(0));
  const scheduled: BotEvent = {
    kind: 'maintenance.scheduled',
    id: 'ms',
    at: at(START_MS - 48 * HOUR),
    maintenance: m,
  };
  const reminder = (lead: number, nowMs: number) => dueReminders([m], [lead], nowMs);
  const started: BotEvent = {
    kind: 'maintenance.started',
    id: 'mst',
    at: START,
    maintenance: { ...m, status: 'in_progress' },
  };
  const completed: BotEvent = {
    kind: 'maintenance.completed',
    id: 'mc',
    at: at(START_MS + 2 * HOUR),
    maintenance: { ...m, status: 'completed' },
  };
  const shape = (events: BotEvent[], subscription = sub) =>
    planChannel(events, subscription).map((s) => `${s.kind}:${s.message.family}`);

  it('the whole lifecycle: one parent, the reminder, start and completion in its thread, the parent kept current', () => {
    expect(shape([scheduled, ...reminder(HOUR, START_MS - HOUR), started, completed])).toEqual([
      'parent:maintenance',
      'reply:maintenance.update',
      'reply:maintenance.update',
      'edit:maintenance',
      'reply:maintenance.update',
      'edit:maintenance',
    ]);
    const steps = planChannel([scheduled, started, completed], sub);
    expect(
      steps
        .filter((s) => s.kind === 'edit')
        .map((s) => s.message.family === 'maintenance' && s.message.phase),
    ).toEqual(['in_progress', 'completed']);
  });

  it('rescheduled and cancelled: a reply each and the parent edited', () => {
    const moved = { ...m, scheduledFor: at(START_MS + 24 * HOUR) };
    const events: BotEvent[] = [
      scheduled,
      {
        kind: 'maintenance.rescheduled',
        id: 'mr',
        at: at(START_MS - 30 * HOUR),
        maintenance: moved,
        previous: { scheduledFor: START },
      },
      { kind: 'maintenance.cancelled', id: 'mx', at: at(START_MS - 20 * HOUR), maintenance: moved },
    ];
    expect(shape(events)).toEqual([
      'parent:maintenance',
      'reply:maintenance.update',
      'edit:maintenance',
      'reply:maintenance.update',
      'edit:maintenance',
    ]);
    expect(JSON.stringify(renderMessage(planChannel(events, sub)[4]?.message as never))).toContain(
      'Maintenance cancelled',
    );
  });

  it('a reminder for another lead, or with reminders off, sends nothing', () => {
    expect(
      shape([scheduled, ...reminder(HOUR, START_MS - HOUR)], { ...sub, reminderMs: 30 * 60_000 }),
    ).toEqual(['parent:maintenance']);
    expect(shape([scheduled, ...reminder(HOUR, START_MS - HOUR)], { ...sub, reminderMs: 0 })).toEqual([
      'parent:maintenance',
    ]);
  });

  it('a parent posted inside the reminder window already said when it starts: no reminder after it', () => {
    const late: BotEvent = { ...scheduled, at: at(START_MS - 30 * 60_000) };
    expect(shape([late, ...reminder(HOUR, START_MS - 29 * 60_000)])).toEqual(['parent:maintenance']);
  });

  it('a channel that first hears of it from the reminder gets a parent carrying the reminder; its end only if it followed', () => {
    const steps = planChannel(reminder(HOUR, START_MS - 20 * 60_000), sub);
    expect(steps.map((s) => s.kind)).toEqual(['parent']);
    const text = JSON.stringify(renderMessage(steps[0]?.message as never));
    expect(text).toContain('This reminder is late');
    expect(steps[0]?.lookBackTo).toBeDefined();
    expect(shape([completed])).toEqual([]);
  });

  it('maintenance off: nothing at all', () => {
    expect(
      shape([scheduled, ...reminder(HOUR, START_MS - HOUR), started, completed], {
        ...sub,
        maintenance: false,
      }),
    ).toEqual([]);
  });

  it('the parent shows the window in the reader’s timezone', () => {
    const [parent] = planChannel([scheduled], sub);
    const text = JSON.stringify(renderMessage(parent?.message as never));
    expect(text).toContain(`<!date^${START_MS / 1000}^`);
    expect(text).toContain('a reminder comes in this thread');
  });
});
