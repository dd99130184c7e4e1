/**
 * PagerDuty as a destination: for each event, what ESCALATE_ON selects (core/plan/escalation.ts) becomes a trigger
 * when an episode opens and a resolve when it ends, sent through the outgoing sender (exactly once, retried; the
 * client keeps PagerDuty's pace).
 * Events are taken in order; one whose delivery waits holds back the later events of the same episode (a resolve
 * never overtakes its trigger), never those of another.
 */
import type { BotEvent } from '../../core/events/bot-event.js';
import { eventId } from '../../core/events/ids.js';
import { dedupKey, type EscalateOn, type Escalation, escalationsFor } from '../../core/plan/escalation.js';
import type { IncidentNow } from '../../core/plan/types.js';
import { pagerDutyResolve, pagerDutyTrigger } from '../../core/render/pagerduty.js';
import type { Destination } from '../ports/destinations.js';
import type { PagerDutyPort } from '../ports/escalation.js';
import type { Episodes } from './episodes.js';
import type { ItemResult, OutgoingSender } from './outgoing-sender.js';

export interface PagerDutyDeps {
  port: PagerDutyPort;
  sender: OutgoingSender;
  episodes: Episodes;
  on: readonly EscalateOn[];
  /** `payload.source`: the status page the bot watches. */
  source: string;
  /** An incident as the page shows it now (for the Slack parents' "paged" line). */
  incidentNow: (incidentId: string) => IncidentNow | undefined;
  /** A permalink to a Slack thread about this incident, where one exists already (never waited for). */
  slackThread?: (incidentId: string) => Promise<string | undefined>;
  /** Queues the `incident.paged` event once PagerDuty has an incident's trigger. */
  enqueue: (events: BotEvent[]) => Promise<void>;
}

export class PagerDutyDestination implements Destination {
  readonly name = 'pagerduty';

  constructor(private readonly deps: PagerDutyDeps) {}

  async deliver(events: BotEvent[], signal?: AbortSignal): Promise<string[]> {
    const done: string[] = [];
    const held = new Set<string>();
    for (const event of events) {
      if (signal?.aborted) break;
      const escalations = escalationsFor(event, this.deps.on);
      if (escalations.some((e) => held.has(e.episode))) continue;
      let waits = false;
      for (const escalation of escalations) {
        if ((await this.escalate(escalation, event.at, signal)) === 'later') {
          waits = true;
          held.add(escalation.episode);
        }
      }
      if (!waits) done.push(event.id);
    }
    return done;
  }

  private async escalate(escalation: Escalation, at: string, signal?: AbortSignal): Promise<ItemResult> {
    const { episodes, sender, port } = this.deps;
    switch (escalation.action) {
      case 'link':
        await episodes.link(escalation.episode, escalation.endsWith);
        return 'done';
      case 'trigger': {
        const wanted = {
          dedupKey: dedupKey(escalation.episode, escalation.eventId),
          openedBy: escalation.eventId,
        };
        const open = await episodes.open(escalation.episode, wanted);
        // Already paged for this episode by an earlier event: PagerDuty has the alert.
        if (open.openedBy !== escalation.eventId) return 'done';
        const thread = await this.threadOf(escalation);
        const message = pagerDutyTrigger(escalation, open.dedupKey, at, this.deps.source, thread);
        const sent = await sender.deliver(
          { deliveryId: `pagerduty:${open.dedupKey}:trigger`, send: (s) => port.send(message, s) },
          signal,
        );
        if (sent === 'done') await this.announcePaged(escalation, open.dedupKey, at);
        return sent;
      }
      case 'resolve':
        return this.resolve(escalation.episode, signal);
      default:
        return escalation satisfies never;
    }
  }

  /** The Slack thread of the incident this trigger is about, if a channel has one already; a lookup error is none. */
  private async threadOf(
    escalation: Extract<Escalation, { action: 'trigger' }>,
  ): Promise<string | undefined> {
    const id = incidentIdOf(escalation);
    return id ? this.deps.slackThread?.(id).catch(() => undefined) : undefined;
  }

  /** Slack's parents of a paged incident say so: one event, its id from the alert's key (queued once). */
  private async announcePaged(
    escalation: Extract<Escalation, { action: 'trigger' }>,
    key: string,
    at: string,
  ): Promise<void> {
    const { subject } = escalation;
    const incidentId = incidentIdOf(escalation);
    if (!incidentId) return;
    const now = this.deps.incidentNow(incidentId);
    const incident = now?.incident ?? (subject.kind === 'incident' ? subject.event.incident : undefined);
    if (!incident) return;
    const affected = now?.affected ?? (subject.kind === 'incident' ? subject.event.affected : []);
    const id = eventId(incidentId, 'paged', key);
    await this.deps.enqueue([{ kind: 'incident.paged', id, at, incident, affected, via: 'PagerDuty' }]);
  }

  /** Resolves the episode and those that end with it (a confirmed warning); closes each once PagerDuty has it. */
  private async resolve(episode: string, signal?: AbortSignal): Promise<ItemResult> {
    const { episodes, sender, port } = this.deps;
    let result: ItemResult = 'done';
    for (const name of [...(await episodes.linked(episode)), episode]) {
      const open = await episodes.get(name);
      if (!open) continue;
      const message = pagerDutyResolve(open.dedupKey);
      const sent = await sender.deliver(
        { deliveryId: `pagerduty:${open.dedupKey}:resolve`, send: (s) => port.send(message, s) },
        signal,
      );
      if (sent === 'done') await episodes.close(name);
      else result = 'later';
    }
    return result;
  }
}

/** The official incident a trigger is about (none for a warning or a check). */
function incidentIdOf({ subject }: Extract<Escalation, { action: 'trigger' }>): string | undefined {
  if (subject.kind === 'incident') return subject.event.incident.id;
  return subject.kind === 'components' ? subject.incidentId : undefined;
}
