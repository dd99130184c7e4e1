/** The bot scopes the app asks for at install; manifest.yml must list exactly these (a test checks). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:read',
  'channels:join',
  'groups:read',
  'users:read',
  'usergroups:read',
  'channels:history',
  'groups:history',
  'im:write',
] as const;
