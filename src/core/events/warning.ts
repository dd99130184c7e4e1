/** The early warning's vocabulary, shared by the signal, the events, the planner and the renderers. */
import type { ProbeFamily, ProbeResult } from './probes.js';

/** One family failing: since when, how many rounds in a row, and its failing results of the latest round. */
export interface FamilyFailure {
  family: ProbeFamily;
  since: string;
  rounds: number;
  results: ProbeResult[];
}

/** A warning as channels were told about it. Its id comes from the stored state (its first failed round). */
export interface WarningFacts {
  id: string;
  since: string;
  raisedAt: string;
  failing: FamilyFailure[];
  /** When `failing` was last redrawn (another family started or stopped failing); the raise time if never. */
  asOf?: string;
}

export interface OfficialIncident {
  id: string;
  name: string;
  url: string;
  /** When Clerk first said something: its first update, else its creation. */
  postedAt: string;
}

/** How a warning's message looks: on, cleared (how long it lasted), or confirmed (by which incident, what lead). */
export type WarningView =
  | { state: 'active' }
  | { state: 'cleared'; durationMs: number }
  | { state: 'confirmed'; incident: OfficialIncident; leadMs: number };

/** How people in one channel answered a warning's vote buttons. */
export interface VoteTally {
  seeing: number;
  notAffected: number;
}
