/**
 * Remediation tips for engineers whose apps use Clerk, keyed by the Clerk component that is affected and how
 * badly. Components are matched by name (ids differ per page), including names Clerk has used over time.
 */

import type { ComponentRef } from './events/bot-event.js';
import type { Severity } from './events/severity.js';
import { severityOf, severityRank } from './events/severity.js';
import { nameKey } from './subscriptions/component-names.js';

interface TipRule {
  /** Component names (any spelling nameKey folds together). */
  components: string[];
  /** The tip applies at this severity or worse. */
  from: Severity;
  tips: string[];
}

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
      'Verify session JWTs networklessly with your instance’s public key (`jwtKey` / `CLERK_JWT_KEY`), so existing sessions keep verifying on your servers.',
      'Token refreshes (about every 60 s) and /handshake redirects may fail: expect users to be signed out on their next refresh.',
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

/** Tips for what is affected, most important first, without repeats, at most `limit` lines. */
export function tipsFor(affected: ComponentRef[], limit = 4): string[] {
  const tips: string[] = [];
  for (const rule of RULES) {
    const hit = affected.some(
      (c) => rule.keys.has(nameKey(c.name)) && severityRank(severityOf(c.status)) >= severityRank(rule.from),
    );
    if (!hit) continue;
    for (const tip of rule.tips) if (!tips.includes(tip)) tips.push(tip);
  }
  return tips.slice(0, limit);
}

/** What to do when the probes see an endpoint family fail (early warning, before Clerk says anything). */
const PROBE_TIPS: Record<'frontend' | 'backend', string[]> = {
  frontend: [
    SIGN_IN[0] as string,
    'Verify session JWTs networklessly with your instance’s public key (`jwtKey` / `CLERK_JWT_KEY`), so your servers keep accepting existing sessions.',
    SIGN_IN[1] as string,
  ],
  backend: [
    'Backend API calls (user lookups, organizations, `users.getCount`) fail: retry with backoff and keep them off your request path.',
    'Token verification with `jwtKey` needs no Backend API call; without it, a JWKS cache miss (every 5 min) fails too.',
  ],
};

export function probeTips(families: ('frontend' | 'backend')[], limit = 4): string[] {
  const tips: string[] = [];
  for (const family of ['frontend', 'backend'] as const)
    if (families.includes(family))
      for (const tip of PROBE_TIPS[family]) if (!tips.includes(tip)) tips.push(tip);
  return tips.slice(0, limit);
}
