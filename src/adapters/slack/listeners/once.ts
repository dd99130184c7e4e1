/**
 * Global middleware: a Slack request seen before (an event re-delivered with `X-Slack-Retry-Num`, a replayed
 * command or click) is acknowledged and goes no further, so it changes nothing and answers nothing twice.
 */
import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import type { RequestId } from '../../../app/ports/driving.js';
import type { ListenerDeps } from './deps.js';

/** The id Slack gives each request once: `event_id` for events, `trigger_id` for commands, clicks and submissions. */
export function requestIdOf(body: unknown): RequestId | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { event_id: eventId, trigger_id: triggerId } = body as { event_id?: unknown; trigger_id?: unknown };
  if (typeof eventId === 'string' && eventId !== '') return { kind: 'event', id: eventId };
  if (typeof triggerId === 'string' && triggerId !== '') return { kind: 'trigger', id: triggerId };
  return undefined;
}

export function registerOnce(app: App, deps: ListenerDeps): void {
  const once: Middleware<AnyMiddlewareArgs> = async (args) => {
    const requestId = requestIdOf(args.body);
    if (requestId === undefined || (await deps.ledger.firstTime(requestId))) {
      await args.next();
      return;
    }
    deps.log.info(
      { requestId },
      'a Slack request seen before (a retry or a replay) was acknowledged and ignored',
    );
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
  app.use(once);
}
