import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

/** Uninstalled, or tokens revoked: forget that workspace's subscriptions so nothing is posted there again. */
export function registerAppLifecycle(
  app: App,
  deps: ListenerDeps,
  onTeamRemoved?: (teamId: string) => Promise<void>,
): void {
  const forget = async (teamId: string | undefined, reason: string) => {
    if (!teamId) return;
    const removed = await deps.subscriptions.removeTeam(teamId);
    deps.home.forgetTeam(teamId);
    await onTeamRemoved?.(teamId);
    deps.log.info({ team: teamId, reason, subscriptionsRemoved: removed }, 'workspace removed');
  };
  app.event('app_uninstalled', async ({ context, body }) =>
    forget(context.teamId ?? body.team_id, 'app_uninstalled'),
  );
  app.event('tokens_revoked', async ({ event, context, body }) => {
    // Only a revoked bot token stops us posting; a revoked user token alone changes nothing here.
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget(context.teamId ?? body.team_id, 'tokens_revoked');
  });
}
