/**
 * Every destination the bot can deliver to. Each decides from the configuration whether it is on and builds
 * itself from the shared runtime; the outbox keeps a completion record per destination. Adding a destination is a
 * file in this folder and one line in the list below.
 */
import type { BuiltDestination, Runtime } from '../runtime.js';
import { consoleLines } from './console.js';
import { pagerDuty } from './pagerduty.js';
import { slackChannels } from './slack.js';
import { webhook } from './webhook.js';

const DESTINATIONS: ((rt: Runtime) => BuiltDestination | undefined)[] = [
  slackChannels,
  consoleLines,
  pagerDuty,
  webhook,
];

export function buildDestinations(rt: Runtime): BuiltDestination[] {
  return DESTINATIONS.map((build) => build(rt)).filter((d): d is BuiltDestination => d !== undefined);
}
