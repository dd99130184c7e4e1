/**
 * A wake-up call to whoever answers it: the poller, built first, rings; the delivery worker, built after it,
 * answers. So parts wake each other without forward references, and a ring with nobody answering yet is harmless
 * (the first pass after start-up delivers what is queued anyway).
 */
export class Doorbell {
  private listeners: (() => void)[] = [];

  ring(): void {
    for (const listener of this.listeners) listener();
  }

  answer(listener: () => void): void {
    this.listeners.push(listener);
  }
}
