/**
 * How each destination beside Slack is doing, for /status and App Home: the last delivery, the failures, what waits
 * to be retried and the last refusal (a 400 from PagerDuty usually means a wrong routing key). This process's view:
 * ask the leader, which is the one delivering.
 */

import type { DestinationState } from '../../core/events/destinations.js';

export type { DestinationState };

export class DestinationBoard {
  private readonly states = new Map<string, DestinationState>();
  private readonly waiting = new Map<string, Set<string>>();

  constructor(private readonly now: () => number) {}

  private state(name: string): DestinationState {
    let state = this.states.get(name);
    if (!state) {
      state = {
        name,
        delivered: 0,
        lastDeliveredAt: null,
        failures: 0,
        lastFailure: null,
        waiting: 0,
        refused: 0,
        lastRefusal: null,
        gaveUp: 0,
      };
      this.states.set(name, state);
    }
    return state;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** A destination that is configured shows even before its first delivery. */
  register(name: string): void {
    this.state(name);
  }

  delivered(name: string, deliveryId: string): void {
    const state = this.state(name);
    state.delivered++;
    state.lastDeliveredAt = this.iso();
    this.settle(name, deliveryId);
  }

  failed(name: string, deliveryId: string, reason: string): void {
    const state = this.state(name);
    state.failures++;
    state.lastFailure = { at: this.iso(), reason };
    const waiting = this.waiting.get(name) ?? new Set<string>();
    waiting.add(deliveryId);
    this.waiting.set(name, waiting);
  }

  refused(name: string, deliveryId: string, reason: string): void {
    const state = this.state(name);
    state.refused++;
    state.lastRefusal = { at: this.iso(), reason };
    this.settle(name, deliveryId);
  }

  gaveUp(name: string, deliveryId: string): void {
    this.state(name).gaveUp++;
    this.settle(name, deliveryId);
  }

  private settle(name: string, deliveryId: string): void {
    this.waiting.get(name)?.delete(deliveryId);
  }

  /** Each destination as it stands; `waiting` counted from the deliveries waiting now. */
  list(): DestinationState[] {
    return [...this.states.values()].map((s) => ({ ...s, waiting: this.waiting.get(s.name)?.size ?? 0 }));
  }
}
