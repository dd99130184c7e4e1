/**
 * The outgoing webhook's body, as the Standard Webhooks spec suggests: `{ type, timestamp, data }`, where `type` is
 * `clerk.` + the event kind and `data` is the event itself (its `id` the same as the `webhook-id` header). The
 * schema here is the one source of `schema/webhook-body.schema.json` (a test keeps the file in step) and of the
 * test that checks every event kind's body against it.
 */
import { z } from 'zod';
import type { BotEvent } from '../events/bot-event.js';

/** Every event kind, once: a kind missing here does not compile, so the schema always lists every type. */
const KINDS: Record<BotEvent['kind'], true> = {
  'check.failing': true,
  'check.recovered': true,
  'check.verdict': true,
  'clerk.maintenance': true,
  'component.added': true,
  'component.changed': true,
  'component.removed': true,
  'components.changed': true,
  'components.confirmed': true,
  'components.listChanged': true,
  'incident.caughtUp': true,
  'incident.opened': true,
  'incident.paged': true,
  'incident.resolved': true,
  'incident.updated': true,
  'job.failed': true,
  'maintenance.cancelled': true,
  'maintenance.completed': true,
  'maintenance.reminder': true,
  'maintenance.rescheduled': true,
  'maintenance.scheduled': true,
  'maintenance.started': true,
  'source.recovered': true,
  'source.unreachable': true,
  'warning.cleared': true,
  'warning.confirmed': true,
  'warning.raised': true,
  'warning.updated': true,
};
export const WEBHOOK_TYPES = Object.keys(KINDS).map((kind) => `clerk.${kind}`);

export const webhookBodySchema = z
  .object({
    type: z
      .enum(WEBHOOK_TYPES as [string, ...string[]])
      .describe('clerk. followed by the event kind, e.g. clerk.incident.opened'),
    timestamp: z.iso.datetime({ offset: true }).describe('When the event happened (ISO 8601)'),
    data: z
      .object({
        id: z.string().min(1).describe('The event id: stable, the same as the webhook-id header'),
        at: z.iso.datetime({ offset: true }),
      })
      .catchall(z.unknown())
      .describe('The event: its id, its time and its kind-specific fields'),
  })
  .strict()
  .meta({
    title: 'clerk-status-bot webhook body',
    description: 'POSTed to WEBHOOK_URL for every event, signed per the Standard Webhooks spec.',
  });

export type WebhookBody = z.infer<typeof webhookBodySchema>;

export function webhookBody(event: BotEvent): WebhookBody {
  const { kind, ...data } = event;
  return { type: `clerk.${kind}`, timestamp: event.at, data };
}

/** The JSON Schema of the body, as written to schema/webhook-body.schema.json. */
export function webhookJsonSchema(): unknown {
  return z.toJSONSchema(webhookBodySchema, { target: 'draft-2020-12' });
}
