import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

/** Uninstalled, or the bot token revoked: the workspace is forgotten so nothing is posted there again. */
export function registerAppLifecycle(app: App, deps: ListenerDeps): void {
  app.event('app_uninstalled', async ({ context, body }) => {
    const teamId = context.teamId ?? body.team_id;
    if (teamId) await deps.lifecycle.removed(teamId, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, context, body }) => {
    // Only a revoked bot token stops us posting; a revoked user token alone changes nothing here.
    const teamId = context.teamId ?? body.team_id;
    if ((event.tokens.bot ?? []).length > 0 && teamId) await deps.lifecycle.removed(teamId, 'tokens_revoked');
  });
}
