/**
 * App Home's workspace section: subscriptions that ended and messages Slack refused for good, the latter for a week,
 * newest first, with Slack's code as text (a code is outside text too).
 */
import { describe, expect, it } from 'vitest';
import { renderHomeView } from '../../../src/core/render/home-view.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const home = (dropped: { channelId: string; reason: string; at: string }[]) =>
  JSON.stringify(
    renderHomeView({
      snapshot: undefined,
      lastCheckedAt: undefined,
      now: NOW,
      subscriptions: [],
      statusPageUrl: 'https://status.clerk.com',
      dropped,
    }).blocks,
  );

describe('App Home: messages Slack refused', () => {
  it.each([
    ['none: no section', [], []],
    [
      'one this week: named with its channel and code',
      [{ channelId: 'C0OPS', reason: 'invalid_blocks', at: '2026-12-06T09:00:00Z' }],
      ['Messages Slack refused', '<#C0OPS>', '`invalid_blocks`', 'the messages after it were posted'],
    ],
    [
      'older than a week: not shown',
      [{ channelId: 'C0OLD', reason: 'invalid_blocks', at: '2026-11-29T09:00:00Z' }],
      [],
    ],
    [
      'a hostile code stays text',
      [{ channelId: 'C0OPS', reason: '<!channel> <http://evil|x>', at: '2026-12-07T09:00:00Z' }],
      ['&lt;!channel&gt; &lt;http://evil|x&gt;'],
    ],
  ])('%s', (_name, dropped, expected) => {
    const text = home(dropped);
    if (expected.length === 0) expect(text).not.toContain('Messages Slack refused');
    for (const part of expected) expect(text).toContain(part);
    expect(text).not.toContain('<!channel>');
  });
});
