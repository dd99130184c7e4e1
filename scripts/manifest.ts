/**
 * Prints the Slack app manifest to paste into https://api.slack.com/apps?new_app=1 ("From an app manifest"):
 *
 *   npm run manifest                                        # Socket Mode (manifest.yml as it is)
 *   npm run manifest -- --http https://bot.example.com      # HTTP mode, every URL filled in
 */
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { httpManifest, parseBaseUrl, readManifest } from '../devkit/manifest.js';

const USAGE = 'usage: npm run manifest [-- --http https://your-public-base-url]';

function main(): number {
  let http: string | undefined;
  try {
    http = parseArgs({ options: { http: { type: 'string' } } }).values.http;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const socketMode = readManifest();
  if (http === undefined) {
    process.stdout.write(
      `# Socket Mode: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (connections:write).\n${stringify(socketMode)}`,
    );
    return 0;
  }
  const parsed = parseBaseUrl(http);
  if ('error' in parsed) {
    process.stderr.write(`manifest: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const header = `# HTTP mode for ${parsed.base}: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; Slack sends everything to /slack/events.\n`;
  process.stdout.write(header + stringify(httpManifest(socketMode, parsed.base)));
  return 0;
}

process.exitCode = main();
