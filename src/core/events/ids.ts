/**
 * Event ids, derived from what the pages say and nothing else (never the fetch time, the clock or the
 * process), so every replica and every restart derives the same id for the same change. Each part is
 * percent-encoded, so an id from the page that contains the separator can never make two ids collide.
 */
import { digest } from './digest.js';

export function idPart(part: string): string {
  return encodeURIComponent(part);
}

export function eventId(...parts: string[]): string {
  return parts.map(idPart).join(':');
}

/**
 * What versions a component's state: its own `updated_at`, or, when the page gives none, a digest of the state
 * it changed from. A page that flaps back to an identical state without any timestamp gives the same id again.
 */
export function componentVersion(state: { updatedAt?: string } & Record<string, unknown>): string {
  return state.updatedAt ?? `state-${digest(JSON.stringify(state))}`;
}
