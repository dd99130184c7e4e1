/** What the history answers: `/clerk-status history [days]`, and "how long this usually takes" for the status reply. */
import { incidentNow } from '../core/detect/incidents.js';
import { type Typical, typicalDuration } from '../core/events/history.js';
import { isClosed } from '../core/events/page.js';
import { renderHistoryReply } from '../core/render/history-reply.js';
import type { RenderedMessage } from '../core/render/types.js';
import type { History } from './history.js';
import type { StatusQuery } from './ports/driving.js';

/** How long comparable incidents took, for each open incident, from the history this process has in memory. */
export function typicalNow(
  status: StatusQuery,
  history: History | undefined,
  now: number,
): Record<string, Typical | undefined> {
  const { snapshot } = status.current();
  const known = history?.known(now) ?? [];
  if (!snapshot || known.length < 3) return {};
  return Object.fromEntries(
    snapshot.incidents
      .filter((i) => !isClosed(i))
      .map((i) => {
        const ids = (incidentNow(snapshot, i.id)?.affected ?? []).map((c) => c.id);
        return [i.id, typicalDuration(known, ids, i.id)];
      }),
  );
}

export async function historyReply(
  status: StatusQuery,
  history: History | undefined,
  days: number,
  now: number,
): Promise<RenderedMessage> {
  const window = (await history?.window(days, now)) ?? { incidents: [], changes: [], watched: [] };
  const components = status.current().snapshot?.components ?? [];
  return renderHistoryReply({ days, nowMs: now, ...window, components });
}
