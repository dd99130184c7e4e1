/**
 * The incident the fan-out benchmarks send everywhere: the /handshake timeline's incident opening (its component
 * change folded into the parent) and then resolving, so every channel gets two posts, its parent and the
 * resolution reply in its thread (and an edit of the parent, which the Tier 3 budget spreads out).
 */
import type { FakeSlack } from '../devkit/fake-slack/fake-slack.js';
import type { FakeStatusPage } from '../devkit/fake-status-page.js';
import type { Timeline } from '../devkit/timeline.js';
import type { RunningBot } from '../src/compose/start.js';

export async function openThenResolve(
  page: FakeStatusPage,
  bot: RunningBot,
  timeline: Timeline,
  offset: number,
) {
  page.serveStep(timeline, 1, offset);
  await bot.pollNow();
  page.serveStep(timeline, 2, offset);
  await bot.pollNow();
}

/** Both posts everywhere, by count (cheap enough to poll); `hasParentAndReply` checks each channel after. */
export function allPosted(slack: FakeSlack, channelCount: number): boolean {
  return slack.messages.length >= 2 * channelCount;
}

/** The channel has its parent and one reply in its thread: both posts, once. */
export function hasParentAndReply(slack: FakeSlack, channelId: string): boolean {
  const parents = slack.parents(channelId);
  return parents.length === 1 && slack.replies(channelId, parents[0]?.ts ?? '').length === 1;
}
