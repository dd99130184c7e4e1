/** Equality of what people see, so unchanged state is neither written again nor announced. */
import type { Snapshot } from '../events/page.js';

/** Structural equality for JSON values, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Same components, incidents and maintenance: what people see, whenever it was fetched. */
export function sameState(a: Snapshot, b: Snapshot): boolean {
  return (
    sameJson(a.components, b.components) &&
    sameJson(a.incidents, b.incidents) &&
    sameJson(a.maintenances, b.maintenances)
  );
}
