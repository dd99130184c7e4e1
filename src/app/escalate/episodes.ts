/**
 * The open PagerDuty episodes: per incident, warning or check episode, the dedup key it was triggered with and the
 * event that opened it (so a re-delivery of that event after a crash sends its trigger again, and nothing else
 * does). A warning confirmed by an incident ends with that incident. In the store, so every replica and restart
 * agrees; opened atomically (set-if-absent), so two leaders never open one episode twice.
 */
import { storeKey } from '../../core/store-keys.js';
import type { Store } from '../ports/store.js';

const KEPT_MS = 30 * 24 * 3600_000;

export interface Episode {
  dedupKey: string;
  openedBy: string;
}

export class Episodes {
  constructor(private readonly store: Store) {}

  private key(episode: string): string {
    return storeKey('escalation', 'episode', episode);
  }

  private linksOf(episode: string): string {
    return storeKey('escalation', 'ends-with', episode);
  }

  /** Opens the episode for `openedBy`, or returns the one already open (opened by another event, or by this one). */
  async open(episode: string, wanted: Episode): Promise<Episode> {
    const claim = await this.store.claim(this.key(episode), wanted, KEPT_MS);
    return claim.claimed ? wanted : claim.current;
  }

  get(episode: string): Promise<Episode | undefined> {
    return this.store.get<Episode>(this.key(episode));
  }

  /** `episode` ends when `endsWith` does. */
  async link(episode: string, endsWith: string): Promise<void> {
    await this.store.write([{ op: 'indexAdd', index: this.linksOf(endsWith), member: episode }]);
  }

  /** The episodes that end with this one. */
  linked(episode: string): Promise<string[]> {
    return this.store.members(this.linksOf(episode));
  }

  /** Closed once its resolve was delivered: a later trigger opens a new episode (a reopened incident). */
  async close(episode: string): Promise<void> {
    await this.store.write([
      { op: 'delete', key: this.key(episode) },
      ...(await this.linked(episode)).map((member) => ({
        op: 'indexRemove' as const,
        index: this.linksOf(episode),
        member,
      })),
    ]);
  }
}
