/** oauth.v2.access: exchanges a code the test registered for a workspace's bot token. */
import type { MethodTable } from './types.js';

export const oauthMethods: MethodTable = {
  'oauth.v2.access': (slack, args) => {
    const grant = slack.oauthCodes.get(String(args.code));
    if (!grant) return { ok: false, error: 'invalid_code' };
    slack.tokenTeams.set(grant.token, grant.teamId);
    return {
      ok: true,
      app_id: 'A0APP',
      authed_user: { id: 'U0ADMIN' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: grant.token,
      bot_user_id: grant.botUserId,
      team: { id: grant.teamId, name: grant.teamId },
      enterprise: null,
      is_enterprise_install: false,
    };
  },
};
