/**
 * Store keys are built here only: each part is percent-encoded, so an id that contains the separator can never
 * make two different keys collide.
 */
export function storeKey(kind: string, ...parts: string[]): string {
  return [kind, ...parts.map((part) => encodeURIComponent(part))].join(':');
}
