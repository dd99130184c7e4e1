import { SIGNING_SECRET } from '../slack-requests.js';

/** The environment that points the bot at the fake Slack and the fake status page (HTTP mode, any free port). */
export function fakeSlackEnv(
  slack: { apiUrl: string },
  page: { url: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    CLERK_STATUS_URL: page.url,
    PORT: '0',
    ...overrides,
  };
}

/** Pacing loose enough that tests measure the bot's behaviour, not Slack's limits. */
export const NO_PACING = {
  perChannelMs: 1,
  postsPerSecond: 1_000,
  postBurst: 100,
  updatesPerSecond: 1_000,
  updateBurst: 100,
};
