/**
 * What kind of network failure a thrown undici request error is: a timeout (ours or undici's), a DNS failure, a
 * TLS failure, or anything else on the way (refused, reset: TCP). The cause chain is followed, since undici wraps
 * the system error. Shared by the status-page client and the Clerk probes.
 */
export type NetworkErrorKind = 'timeout' | 'dns' | 'tcp' | 'tls';

const KINDS: [RegExp, Exclude<NetworkErrorKind, 'tcp'>][] = [
  [/^(UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT|ETIMEDOUT)$/, 'timeout'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, 'dns'],
  [/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/, 'tls'],
];

export function networkErrorKind(error: unknown): NetworkErrorKind {
  for (
    let e = error as { name?: string; code?: string; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    i++
  ) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
    for (const [pattern, kind] of KINDS) if (e.code && pattern.test(e.code)) return kind;
    e = e.cause as typeof e;
  }
  return 'tcp';
}
