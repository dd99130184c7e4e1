/** The team's own Clerk instance, probed read-only, and the control that tells "Clerk" from "our network". */
import type { ProbeResult } from '../../core/events/probes.js';

/** The team's own Clerk instance, probed read-only; one round resolves within its timeout whatever Clerk does. */
export interface ClerkProber {
  round(signal?: AbortSignal): Promise<ProbeResult[]>;
  close(): Promise<void>;
}

/** Something independent of Clerk the bot reaches anyway: false only when nothing answers (our own network). */
export interface ControlCheck {
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}
