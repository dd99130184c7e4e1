/**
 * Drains the outbox into every destination, apart from polling, so a long fan-out never delays the next poll.
 * Each destination has a lane of its own: one pass at a time per lane, a kick during a pass runs another right
 * after, and what a destination could not deliver stays queued for it and is retried after a short pause. A slow
 * or failing destination never holds up another (its pending events wait only for it).
 */
import type { Outbox } from '../outbox.js';
import type { Destination } from '../ports/destinations.js';
import { DrainLoop, type DrainLoopLog } from './drain-loop.js';

/** One destination's lane: its drain loop and the pass in flight. */
class Lane {
  /** Passes never overlap: two passes over the same events would race for the same deliveries. */
  private tail: Promise<unknown> = Promise.resolve();
  readonly loop: DrainLoop;

  constructor(
    private readonly destination: Destination,
    private readonly outbox: Outbox,
    private readonly signal: AbortSignal,
    private readonly shouldRun: () => boolean,
    /** Every destination's name: an event leaves the outbox once all of them are done with it. */
    private readonly everyone: readonly string[],
    options: { log: DrainLoopLog; retryMs: number; afterPass: () => void },
  ) {
    this.loop = new DrainLoop(() => this.drainOnce(), {
      retryMs: options.retryMs,
      log: options.log,
      what: `delivery (${destination.name})`,
      shouldRetry: shouldRun,
      afterPass: options.afterPass,
    });
  }

  drainOnce(): Promise<number> {
    const pass = this.tail.then(async () => {
      const pending = await this.outbox.pendingFor(this.destination.name);
      if (pending.length === 0 || !this.shouldRun()) return pending.length;
      const done = await this.destination.deliver(pending, this.signal);
      await this.outbox.completeFor(this.destination.name, done, this.everyone);
      return pending.length - done.length;
    });
    this.tail = pass.catch(() => undefined);
    return pass;
  }
}

export interface DeliveryWorkerOptions {
  log: DrainLoopLog;
  /** Pause before retrying what a destination could not deliver. */
  retryDelayMs?: number;
  /** Only the leader delivers; other replicas leave the outbox alone. */
  shouldRun?: () => boolean;
  /** After each pass of any lane (the Slack edit lane follows the posts). */
  afterPass?: () => void;
}

export class DeliveryWorker {
  private readonly abort = new AbortController();
  private readonly lanes: Lane[];

  constructor(outbox: Outbox, destinations: readonly Destination[], options: DeliveryWorkerOptions) {
    const shouldRun = options.shouldRun ?? (() => true);
    const laneOptions = {
      log: options.log,
      retryMs: options.retryDelayMs ?? 2_000,
      afterPass: options.afterPass ?? (() => {}),
    };
    const everyone = destinations.map((d) => d.name);
    this.lanes = destinations.map(
      (d) => new Lane(d, outbox, this.abort.signal, shouldRun, everyone, laneOptions),
    );
  }

  /** Asks every lane for a drain soon; cheap to call after every poll. */
  async kick(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.loop.kick()));
  }

  /** One full pass of every lane (after any pass in flight); resolves with the most events one lane still has. */
  async drainOnce(): Promise<number> {
    const left = await Promise.all(this.lanes.map((lane) => lane.drainOnce()));
    return Math.max(0, ...left);
  }

  /** Stops starting new sends and waits for the passes in flight, at most `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.abort.abort();
    await Promise.all(this.lanes.map((lane) => lane.loop.stop(graceMs)));
  }
}
