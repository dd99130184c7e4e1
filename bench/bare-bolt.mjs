// The baseline for idle memory: a bare Bolt 5 HTTP app (one slash command), as small as a Slack app gets.
// Started by bench/idle-rss.ts with the same Node and the same fake Slack as the bot.
import bolt from '@slack/bolt';

const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/clerk-status', async ({ ack }) => ack('ok'));
await app.start(Number(process.env.PORT ?? 0));
process.stdout.write('started\n');
