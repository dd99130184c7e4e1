/** Event ids come from the page alone: the same change gets the same id however and whenever it is fetched. */
import { describe, expect, it } from 'vitest';
import { deliveryIdOf } from '../../../src/app/deliver/step-runner.js';
import { diff } from '../../../src/core/detect/diff.js';
import { eventId } from '../../../src/core/events/ids.js';
import { parseDocuments } from '../../../src/core/status-page/parse.js';

const page = { name: 'Clerk', url: 'https://status.clerk.com' };
const summary = (status: string, extra: Record<string, unknown> = {}) => ({
  page,
  components: [{ id: 'c1', name: 'Session management', status, ...extra }],
});
const at = (minute: number) => `2026-05-01T10:${String(minute).padStart(2, '0')}:00Z`;
const snapshot = (doc: unknown, incidents: unknown[] = [], fetched = at(0)) =>
  parseDocuments(doc, { page, incidents }, fetched).snapshot;

describe('event ids', () => {
  it('derives the same id for the same change through a storm of failed polls, whatever the fetch time', () => {
    const before = snapshot(summary('operational'), [], at(0));
    const ids = [1, 7, 13, 42].map((minute) =>
      diff(before, snapshot(summary('partial_outage'), [], at(minute))).map((e) => e.id),
    );
    expect(new Set(ids.map((list) => list.join()))).toHaveProperty('size', 1);
    expect(ids[0]).toHaveLength(1);
  });

  it('keeps the component’s own time in the id when the page gives one', () => {
    const before = snapshot(summary('operational', { updated_at: at(0) }));
    const [first] = diff(before, snapshot(summary('partial_outage', { updated_at: at(5) })));
    const [second] = diff(before, snapshot(summary('partial_outage', { updated_at: at(9) })));
    expect(first?.id).not.toBe(second?.id);
  });

  it('keeps ids distinct when the page’s own ids contain the separator', () => {
    const incident = (id: string, updateId: string) => ({
      id,
      name: 'x',
      status: 'investigating',
      created_at: at(0),
      incident_updates: [
        { id: 'first', status: 'investigating', body: 'a', created_at: at(0) },
        { id: updateId, status: 'investigating', body: 'b', created_at: at(1) },
      ],
    });
    const empty = snapshot(summary('operational'));
    const one = diff(empty, snapshot(summary('operational'), [incident('A:update:B', 'C')])).map((e) => e.id);
    const two = diff(empty, snapshot(summary('operational'), [incident('A', 'B:update:C')])).map((e) => e.id);
    expect(one.filter((id) => two.includes(id))).toEqual([]);
    expect(eventId('incident', 'A:update:B', 'update', 'C')).not.toBe(
      eventId('incident', 'A', 'update', 'B:update:C'),
    );
    const deliveries = (ids: string[]) => ids.map((id) => deliveryIdOf('T:1', 'C', `${id}:reply`));
    expect(deliveries(one).filter((id) => deliveries(two).includes(id))).toEqual([]);
  });

  it('resolves a repeated component id in one document to its first entry, on every poll alike, and says so', () => {
    const doc = {
      page,
      components: [
        { id: 'c1', name: 'Session management', status: 'major_outage' },
        { id: 'c1', name: 'Session management (copy)', status: 'operational' },
      ],
    };
    const parsed = parseDocuments(doc, { page, incidents: [] }, at(0));
    expect(parsed.snapshot.components).toEqual([
      expect.objectContaining({ id: 'c1', status: 'major_outage' }),
    ]);
    expect(parsed.problems.join()).toMatch(/repeated ids.*component c1/);
    const again = parseDocuments(doc, { page, incidents: [] }, at(1));
    expect(diff(parsed.snapshot, again.snapshot)).toEqual([]); // no change repeats poll after poll
  });
});
