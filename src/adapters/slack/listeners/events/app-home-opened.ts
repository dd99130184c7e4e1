import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

/** Opening the Home tab publishes a live view for that user, kept fresh by the App Home use case. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, context }) => {
    if (event.tab !== 'home' || !context.teamId) return;
    await deps.home.opened(context.teamId, event.user);
  });
}
