/** api.test, auth.test and apps.connections.open (Socket Mode). */
import type { MethodTable } from './types.js';

export const authMethods: MethodTable = {
  'api.test': () => ({ ok: true }),
  'auth.test': (slack, _args, token) => ({
    ok: true,
    user_id: slack.botUserId,
    bot_id: 'B0BOT',
    team_id: (token && slack.tokenTeams.get(token)) ?? slack.teamId,
    user: 'clerk_status',
    team: 'Test',
    url: 'https://test-workspace.slack.com/',
  }),
  'apps.connections.open': (slack, _args, token) => {
    if (!token?.startsWith('xapp-')) return { ok: false, error: 'invalid_auth' };
    return slack.socketModeUrl
      ? { ok: true, url: slack.socketModeUrl }
      : { ok: false, error: 'socket_mode_not_enabled' };
  },
};
