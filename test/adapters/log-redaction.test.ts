/** Secrets never reach the logs, whichever path they take: our objects, Slack payloads, SDK and undici errors. */
import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { errors as undiciErrors } from 'undici';
import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../../devkit/fake-slack/fake-slack.js';
import { boltLogger } from '../../src/adapters/log/bolt-logger.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { loadConfig } from '../../src/config.js';

const SECRETS = {
  bot: 'xoxb-1111-2222-SECRETBOT',
  app: 'xapp-1-A111-SECRETAPP',
  signing: 'signing-secret-SECRETSIGN',
  client: 'client-secret-SECRETCLIENT',
  state: 'state-secret-SECRETSTATE',
  responseUrl: 'https://hooks.slack.com/commands/T0/123/SECRETRESPONSE',
  user: 'xoxp-3333-SECRETUSER',
};
const LEAK = /SECRET[A-Z]+/;

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger('trace', stream) };
}

describe('log redaction', () => {
  it('redacts secrets in config objects, Slack payloads and headers', () => {
    const { lines, log } = capture();
    const config = loadConfig({
      SLACK_BOT_TOKEN: SECRETS.bot,
      SLACK_APP_TOKEN: SECRETS.app,
      SLACK_SIGNING_SECRET: SECRETS.signing,
    });
    log.info({ config }, 'config');
    log.info(config.slack, 'slack config');
    log.info(
      { token: SECRETS.bot, response_url: SECRETS.responseUrl, body: { token: SECRETS.bot } },
      'payload',
    );
    log.info({ payload: { response_url: SECRETS.responseUrl, token: 'legacy' } }, 'nested payload');
    log.info(
      { req: { headers: { authorization: `Bearer ${SECRETS.bot}`, 'x-slack-signature': 'v0=abc' } } },
      'request',
    );
    log.info({ headers: { authorization: `Bearer ${SECRETS.user}` } }, 'headers');
    log.warn(`free text quoting ${SECRETS.bot} and ${SECRETS.responseUrl} and ${SECRETS.app}`);
    const out = lines.join('');
    expect(out).not.toMatch(LEAK);
    expect(out).toContain('[Redacted]');
  });

  it('redacts errors from the Slack SDK and undici, and messages through the Bolt adapter', async () => {
    const { lines, log } = capture();
    const slack = await FakeSlack.start();
    slack.failNext('chat.postMessage', { kind: 'error', error: 'invalid_auth' });
    const client = new WebClient(SECRETS.bot, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      logger: boltLogger(log),
    });
    const sdkError = await client.chat
      .postMessage({ channel: 'C1', text: `hi ${SECRETS.user}` })
      .catch((e: unknown) => e);
    await slack.close();
    log.error({ err: sdkError }, 'slack failed');
    const undiciError = new undiciErrors.ResponseError(`failed with ${SECRETS.bot}`, 401, {
      headers: { authorization: `Bearer ${SECRETS.bot}` },
      body: { token: SECRETS.bot },
    });
    log.error({ err: undiciError }, 'undici failed');
    const bolt = boltLogger(log);
    bolt.error('bolt says', { token: SECRETS.bot }, new Error(`boom ${SECRETS.app}`));
    bolt.debug(`debug with ${SECRETS.responseUrl}`);
    const out = lines.join('');
    expect(out).toContain('slack failed');
    expect(out).not.toMatch(LEAK);
  });
});

describe('secrets by value', () => {
  it('scrubs the configured secrets and OAuth codes from any string, even inside an SDK debug line', () => {
    const lines: string[] = [];
    const sink = { write: (line: string) => lines.push(line) };
    const log = createLogger('trace', sink as never, ['plain-signing-secret-9876', 'client-secret-abcdef']);
    log.debug(
      'http request body: client_id=1.2&client_secret=client-secret-abcdef&code=4321.abcdef0123456789',
    );
    log.info({ note: 'signature base uses plain-signing-secret-9876 here' }, 'checked');
    const all = lines.join('\n');
    expect(all).not.toContain('plain-signing-secret-9876');
    expect(all).not.toContain('client-secret-abcdef');
    expect(all).not.toContain('abcdef0123456789');
    expect(all).toContain('code=[Redacted]');
  });

  it('scrubs an OAuth code in a JSON body and anything shaped like a Clerk secret key', () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (line: string) => lines.push(line) } as never);
    log.debug('http request body: {"code":"9876.abcdef0123456789","client_id":"1.2"}');
    log.warn(
      { header: 'Bearer sk_live_abcdefABCDEF0123' },
      'probe answered 401 for sk_test_0123456789abcdef',
    );
    const all = lines.join('\n');
    expect(all).not.toContain('abcdef0123456789');
    expect(all).not.toMatch(/sk_(live|test)_[A-Za-z0-9]/);
    expect(all).toContain('[Redacted]');
  });
});
