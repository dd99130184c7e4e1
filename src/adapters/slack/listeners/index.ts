import type { App } from '@slack/bolt';
import { registerDmToggle } from './actions/dm-toggle.js';
import { registerWarningVotes } from './actions/warning-votes.js';
import { registerClerkStatusCommand } from './commands/clerk-status.js';
import type { ListenerDeps } from './deps.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppLifecycle } from './events/app-lifecycle.js';
import { registerOnce } from './once.js';
import { registerSettingsSubmission } from './views/settings-submission.js';

/** Every listener the app has; the manifest test records these registrations and checks manifest.yml against them. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerOnce(app, deps); // first: a retry or a replay reaches no listener
  registerClerkStatusCommand(app, deps);
  registerSettingsSubmission(app, deps);
  registerAppHomeOpened(app, deps);
  registerAppLifecycle(app, deps);
  registerWarningVotes(app, deps);
  registerDmToggle(app, deps);
}
