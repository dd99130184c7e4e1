import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, loadTimeline } from '../../../devkit/timeline.js';
import { incidentUrl } from '../../../src/core/events/page.js';
import { MAX_BODY, MAX_NAME, normalize } from '../../../src/core/status-page/normalize.js';
import { parseIncidents, parseSummary } from '../../../src/core/status-page/schemas.js';
import { normalizeComponentStatus } from '../../../src/core/status-page/statuses.js';

const atlassian = JSON.parse(readFileSync(join(FIXTURE_DIR, 'atlassian-summary.json'), 'utf8'));
const handshake = loadTimeline('clerk-2026-04-26-handshake-endpoint');

describe('status page parsing', () => {
  it.each([
    ['operational', 'operational'],
    ['degraded_performance', 'degraded_performance'],
    ['partial_outage', 'partial_outage'],
    ['major_outage', 'major_outage'],
    ['full_outage', 'major_outage'],
    ['under_maintenance', 'under_maintenance'],
    ['Partial_Outage', 'partial_outage'],
    ['on_fire', 'unknown'],
    ['', 'unknown'],
  ])('reads component status %j as %j', (raw, expected) => {
    expect(normalizeComponentStatus(raw)).toBe(expected);
  });

  it('reads the incident.io shape Clerk serves, with no incidents key when nothing is open', () => {
    const before = handshake.steps[0];
    const summary = parseSummary(before?.summary);
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    expect(summary.value.incidents).toBeUndefined();
    const incidents = parseIncidents(before?.incidents);
    if (!incidents.ok) throw new Error('incidents invalid');
    const snapshot = normalize(summary.value, incidents.value, '2026-04-26T06:48:00Z');
    expect(snapshot.components).toHaveLength(15);
    expect(snapshot.components.every((c) => c.status === 'operational')).toBe(true);
    expect(snapshot.page.url).toBe('https://status.clerk.com');
  });

  it('links incidents to <page url>/incidents/<id>, whatever the trailing slashes', () => {
    expect(incidentUrl('https://status.clerk.com/', 'X1')).toBe('https://status.clerk.com/incidents/X1');
    expect(incidentUrl('https://status.clerk.com//', 'X1')).toBe('https://status.clerk.com/incidents/X1');
    expect(incidentUrl('https://status.clerk.com', 'X1')).toBe('https://status.clerk.com/incidents/X1');
  });

  it('reads the full Atlassian shape: groups, affected components, maintenance', () => {
    const summary = parseSummary(atlassian);
    if (!summary.ok) throw new Error(summary.problems.join('; '));
    const snapshot = normalize(summary.value, { incidents: [] }, '2026-05-01T17:05:00Z');
    expect(snapshot.components.map((c) => [c.name, c.status, c.groupName])).toEqual([
      ['Frontend API', 'partial_outage', 'Authentication'],
      ['Backend API', 'operational', 'Authentication'],
      ['Dashboard', 'under_maintenance', undefined],
    ]);
    const incident = snapshot.incidents[0];
    expect(incident?.componentIds).toEqual(['c1']);
    expect(incident?.createdAt).toBe('2026-05-01T16:55:00.000Z');
    expect(incident?.updates.map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(incident?.updates[1]?.affected).toEqual([
      { componentId: 'c1', name: 'Frontend API', from: 'degraded_performance', to: 'partial_outage' },
    ]);
    expect(snapshot.maintenances).toEqual([
      expect.objectContaining({
        id: 'm1',
        status: 'in_progress',
        componentIds: ['c3'],
        latestBody: 'Maintenance is under way.',
      }),
    ]);
  });

  it('ignores unknown fields and tolerates nulls where the thin API omits things', () => {
    const summary = parseSummary({
      page: { name: 'Clerk', url: 'https://status.clerk.com/', brand_new: 1 },
      components: [
        { id: 'c', name: 'Webhooks', status: 'operational', position: null, extra: { deep: true } },
      ],
      incidents: [
        { id: 'i', name: 'x', status: 'investigating', created_at: '2026-01-01T00:00:00Z', shortlink: null },
      ],
    });
    expect(summary.ok).toBe(true);
  });

  it.each([
    ['no components key', { page: { name: 'Clerk', url: 'u' } }, 'components'],
    ['components not a list', { page: { name: 'Clerk', url: 'u' }, components: {} }, 'components'],
    [
      'a component without id',
      { page: { name: 'Clerk', url: 'u' }, components: [{ name: 'A', status: 'operational' }] },
      'components.0.id',
    ],
    ['no page', { components: [] }, 'page'],
    ['an HTML error page parsed as a string', '<html>502</html>', '(root)'],
    [
      'a bad timestamp',
      {
        page: { name: 'C', url: 'u' },
        components: [],
        incidents: [{ id: 'i', name: 'n', status: 's', created_at: 'yesterday' }],
      },
      'incidents.0.created_at',
    ],
  ])('rejects %s with a problem naming the field', (_label, body, field) => {
    const result = parseSummary(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toContain(field);
  });

  it('rejects an incidents document without an incidents list', () => {
    const result = parseIncidents({ page: { name: 'C', url: 'u' } });
    expect(result.ok).toBe(false);
  });
});

describe('bounds on vendor text', () => {
  it('stores at most MAX_NAME characters of a name and MAX_BODY of an update, however much the page sends', () => {
    const huge = 'x'.repeat(2_000_000);
    const snapshot = normalize(
      {
        page: { name: 'Clerk', url: 'https://status.clerk.com' },
        components: [{ id: 'c', name: huge, status: 'operational' }],
      },
      {
        incidents: [
          {
            id: 'i',
            name: huge,
            status: 'investigating',
            created_at: '2026-01-01T00:00:00Z',
            incident_updates: [
              { id: 'u', status: 'investigating', body: huge, created_at: '2026-01-01T00:00:00Z' },
            ],
          },
        ],
      },
      '2026-01-01T00:01:00Z',
    );
    expect(snapshot.components[0]?.name).toHaveLength(MAX_NAME);
    expect(snapshot.incidents[0]?.name).toHaveLength(MAX_NAME);
    expect(snapshot.incidents[0]?.updates[0]?.body).toHaveLength(MAX_BODY);
  });
});
