/** What console mode prints at start: what it watches, where to look, and how to connect Slack. */
export function renderConsoleBanner(input: {
  statusUrl: string;
  intervalSeconds: number;
  port: number;
  store: string;
}): string {
  return [
    `clerk-status-bot is running in console mode (no Slack credentials set).`,
    `  Watching ${input.statusUrl} every ${input.intervalSeconds} s; each change prints one line below.`,
    `  State: ${input.store}. Health: http://localhost:${input.port}/healthz, readiness: /readyz, metrics: /metrics.`,
    `  To connect Slack: create an app from manifest.yml at https://api.slack.com/apps?new_app=1, install it, then set`,
    `  SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode, no public URL) or SLACK_SIGNING_SECRET (HTTP mode) in .env.`,
    '',
  ].join('\n');
}
