/**
 * Recorded Clerk status timelines (test/fixtures/*.json): each snapshot holds the summary.json and
 * incidents.json bodies the page served at one moment. Shared by the core tests, the fake status page
 * and the simulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TimelineStep {
  label: string;
  fetchedAt: string;
  summary: unknown;
  incidents: unknown;
}

export interface Timeline {
  name: string;
  description: string;
  steps: TimelineStep[];
}

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

export function timelineNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.startsWith('clerk-') && f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

interface FixtureFile {
  _meta: { description: string };
  snapshots: { label: string; fetched_at: string; summary: unknown; incidents_json: unknown }[];
}

export function loadTimeline(name: string): Timeline {
  const file = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')) as FixtureFile;
  return {
    name,
    description: file._meta.description,
    steps: file.snapshots.map((s) => ({
      label: s.label,
      fetchedAt: s.fetched_at,
      summary: s.summary,
      incidents: s.incidents_json,
    })),
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Moves every timestamp in a document by `offsetMs`, so a months-old recording reads as happening now. */
export function shiftTimestamps<T>(value: T, offsetMs: number): T {
  if (offsetMs === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && ISO.test(v))
      return new Date(Date.parse(v) + offsetMs).toISOString().replace('.000Z', 'Z');
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
