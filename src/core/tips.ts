/**
 * Remediation tips for engineers whose apps use Clerk, keyed by the Clerk component that is affected and how
 * badly. Components are matched by name (ids differ per page), including names Clerk has used over time.
 */

import type { ComponentRef } from './events/bot-event.js';
import type { Severity } from './events/severity.js';
import { SEVERITIES, severityOf, severityRank } from './events/severity.js';
import { nameKey } from './subscriptions/component-names.js';

interface TipRule {
  /** Component names (any spelling nameKey folds together). */
  components: string[];
  /** The tip applies at this severity or worse. */
  from: Severity;
  tips: string[];
}

/** Helps only when the Backend API or its JWKS is down: session tokens are still minted, fetching the keys fails. */
const NETWORKLESS =
  'Verify session JWTs networklessly with your instance’s public key (`jwtKey` / `CLERK_JWT_KEY`): no JWKS fetch, so your servers keep accepting sessions while the Backend API is down.';

const SIGN_IN = [
  'Fresh sign-ins and sign-ups fail; users already signed in keep working until their next session-token refresh (about 60 s).',
  "Don't auto-redirect to sign-in on auth errors (it loops during an outage): show “Authentication is temporarily unavailable” and retry.",
];

const CATALOGUE: TipRule[] = [
  {
    components: ['User and authentication', 'Authentication & User', 'Account Portal'],
    from: 'degraded',
    tips: SIGN_IN,
  },
  {
    components: ['Session management'],
    from: 'degraded',
    tips: [
      'Session tokens last 60 s and refresh through Clerk’s Frontend API: while refreshes and /handshake redirects fail, users are signed out at their next refresh, whatever your server does (networkless verification cannot help here).',
      "Don't auto-redirect to sign-in on auth errors (it loops during an outage): show “Authentication is temporarily unavailable” and retry.",
    ],
  },
  {
    components: ['Machine authentication'],
    from: 'degraded',
    tips: [
      'M2M tokens and API keys may fail to verify: cache recent successful verifications briefly and retry with backoff.',
    ],
  },
  {
    components: ['Platform API', 'Backend API'],
    from: 'degraded',
    tips: [
      'Backend API calls (user management, organizations) may fail: retry with backoff and keep them off your request path.',
      NETWORKLESS,
    ],
  },
  {
    components: ['B2B SaaS', 'Multi-tenant authentication', 'Organizations'],
    from: 'degraded',
    tips: [
      'Organization invitations and membership changes may fail; memberships already in session tokens keep working.',
    ],
  },
  {
    components: ['Webhooks'],
    from: 'degraded',
    tips: [
      'Webhooks (user.created, session.created …) are retried and arrive late, not lost: make handlers idempotent on the svix-id header.',
    ],
  },
  {
    components: ['Email delivery'],
    from: 'degraded',
    tips: [
      'Email codes and magic links will be delayed: offer another factor (password, OAuth, SMS) instead of “resend”.',
    ],
  },
  {
    components: ['SMS delivery'],
    from: 'degraded',
    tips: ['SMS codes will be delayed: offer email or another factor.'],
  },
  {
    components: ['Billing'],
    from: 'degraded',
    tips: [
      'Checkouts and plan changes may fail: don’t lock existing subscribers out on a failed billing lookup.',
    ],
  },
  {
    components: ['Dashboard', 'Search', 'Analytics', 'Go live', 'Development Services', 'SCIM'],
    from: 'degraded',
    tips: [
      'Dashboard, dev instances and admin tooling are affected, not production sign-in: hold configuration changes and deploys of auth settings.',
    ],
  },
];

const RULES = CATALOGUE.map((rule) => ({ ...rule, keys: new Set(rule.components.map(nameKey)) }));

/** Each rule that applies, with the worst severity among its affected components, worst first. */
function hits(affected: ComponentRef[]): { tips: string[]; severity: Severity }[] {
  return RULES.flatMap((rule, order) => {
    const ranks = affected
      .filter(
        (c) =>
          rule.keys.has(nameKey(c.name)) && severityRank(severityOf(c.status)) >= severityRank(rule.from),
      )
      .map((c) => severityRank(severityOf(c.status)));
    return ranks.length > 0 ? [{ tips: rule.tips, rank: Math.max(...ranks), order }] : [];
  })
    .sort((a, b) => b.rank - a.rank || a.order - b.order)
    .map((h) => ({ tips: h.tips, severity: SEVERITIES[h.rank] ?? 'degraded' }));
}

/**
 * Tips for what is affected, at most `limit`: by how badly what each covers is hit (worst first), every component in
 * major outage covered by its first tip before any second tip, no repeats.
 */
export function tipsFor(affected: ComponentRef[], limit = 3): string[] {
  const ranked = hits(affected);
  const tips: string[] = [];
  const add = (tip: string | undefined) => {
    if (tip && !tips.includes(tip) && tips.length < limit) tips.push(tip);
  };
  for (const hit of ranked) if (hit.severity === 'major') add(hit.tips[0]);
  for (const hit of ranked) for (const tip of hit.tips) add(tip);
  return tips;
}

/** What to do when the probes see an endpoint family fail (early warning, before Clerk says anything). */
const PROBE_TIPS: Record<'frontend' | 'backend', string[]> = {
  frontend: [
    SIGN_IN[0] as string,
    'Session tokens last 60 s and refresh through the Frontend API: while it fails, users are signed out at their next refresh (networkless verification cannot help here).',
    SIGN_IN[1] as string,
  ],
  backend: [
    NETWORKLESS,
    'Backend API calls (user lookups, organizations, `users.getCount`) fail: retry with backoff and keep them off your request path.',
  ],
};

export function probeTips(families: ('frontend' | 'backend')[], limit = 3): string[] {
  // Each failing family's first tip before any family's second.
  const lists = (['frontend', 'backend'] as const)
    .filter((f) => families.includes(f))
    .map((f) => PROBE_TIPS[f]);
  const tips: string[] = [];
  for (let i = 0; i < 3; i++)
    for (const list of lists) {
      const tip = list[i];
      if (tip && !tips.includes(tip)) tips.push(tip);
    }
  return tips.slice(0, limit);
}
