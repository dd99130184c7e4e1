/**
 * A Clerk publishable key names its instance's Frontend API: `pk_live_` or `pk_test_`, then base64 of
 * `<frontend api host>$` (what Clerk's SDK reads in parsePublishableKey). Pure, so config and tests share it.
 */

export type ClerkEnvironment = 'live' | 'test';

export type ParsedPublishableKey =
  | { ok: true; environment: ClerkEnvironment; frontendApiUrl: string }
  | { ok: false; reason: string };

const PREFIX = /^pk_(live|test)_([A-Za-z0-9+/=_-]+)$/;
/** A host name (and an optional port), nothing else: no path, no credentials, no spaces. */
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

function decodeBase64(text: string): string | undefined {
  try {
    // Keys use standard base64; tolerate the URL-safe alphabet and missing padding.
    const normal = text.replace(/-/g, '+').replace(/_/g, '/');
    return atob(normal.padEnd(Math.ceil(normal.length / 4) * 4, '='));
  } catch {
    return undefined;
  }
}

export function parsePublishableKey(key: string): ParsedPublishableKey {
  const match = PREFIX.exec(key.trim());
  if (!match) return { ok: false, reason: 'must start with "pk_live_" or "pk_test_" followed by base64' };
  const decoded = decodeBase64(match[2] as string);
  if (decoded === undefined || !decoded.endsWith('$'))
    return { ok: false, reason: 'is not a Clerk publishable key (its encoded part must end in "$")' };
  const host = decoded.slice(0, -1);
  if (!HOST.test(host)) return { ok: false, reason: 'does not encode a Frontend API host name' };
  return {
    ok: true,
    environment: match[1] === 'live' ? 'live' : 'test',
    frontendApiUrl: `https://${host.toLowerCase()}`,
  };
}

/** The key for a host (tests and the devkit build keys for their fakes with it). */
export function publishableKeyFor(host: string, environment: ClerkEnvironment = 'test'): string {
  return `pk_${environment}_${btoa(`${host}$`)}`;
}
