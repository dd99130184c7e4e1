/** users.info and usergroups.list. */
import type { MethodTable } from './types.js';

export const userMethods: MethodTable = {
  'users.info': (slack, args) => {
    const user = slack.users.get(String(args.user));
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: { id: user.id, is_restricted: Boolean(user.isGuest), is_ultra_restricted: false },
    };
  },
  'usergroups.list': (slack) => ({ ok: true, usergroups: slack.userGroups }),
};
