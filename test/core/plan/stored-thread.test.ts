/** Threads written before 0.2 (keyed by incidentId, warnings posing as incidents) are read as today's threads. */
import { describe, expect, it } from 'vitest';
import { threadFromStore } from '../../../src/core/plan/stored-thread.js';

const common = {
  parentTs: '1.000100',
  generation: 1,
  startedAt: '2026-02-10T10:00:00.000Z',
  resolved: false,
};

describe('threads as the store holds them', () => {
  it('reads an incident thread written before 0.2 as an incident thread with the same id and facts', () => {
    const old = {
      ...common,
      incidentId: 'inc1',
      status: 'investigating',
      severity: 'major',
      affectedKey: 'abc',
      affectedIds: ['c1'],
      name: 'Sign-in failures',
      mentioned: true,
    };
    expect(threadFromStore(old)).toEqual({
      ...common,
      story: 'incident',
      threadId: 'inc1',
      status: 'investigating',
      severity: 'major',
      affectedKey: 'abc',
      affectedIds: ['c1'],
      name: 'Sign-in failures',
      mentioned: true,
    });
  });

  it('reads a warning thread written before 0.2 (posing as an incident) as a warning thread', () => {
    const old = {
      ...common,
      incidentId: '2026-02-10T09:58:00.000Z',
      status: 'investigating',
      severity: 'partial',
      affectedKey: '',
      affectedIds: [],
      name: 'Early warning',
      mentioned: false,
      gone: true,
    };
    expect(threadFromStore(old)).toEqual({
      ...common,
      story: 'warning',
      threadId: '2026-02-10T09:58:00.000Z',
      gone: true,
    });
  });

  it('keeps today’s threads as they are, and nothing as nothing', () => {
    const today = { ...common, story: 'warning' as const, threadId: 'w1' };
    expect(threadFromStore(today)).toBe(today);
    expect(threadFromStore(undefined)).toBeUndefined();
  });
});
