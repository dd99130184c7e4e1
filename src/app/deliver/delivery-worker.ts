/**
 * Drains the outbox into the sink, apart from polling, so a long fan-out never delays the next poll. One
 * drain runs at a time; a kick during a drain runs another right after. Events that could not be delivered
 * everywhere stay queued and are retried after a short pause (the sink's own pacing decides the rest).
 */
import type { Outbox } from '../outbox.js';
import type { EventSink } from '../ports.js';
import { DrainLoop, type DrainLoopLog } from './drain-loop.js';

export class DeliveryWorker {
  /** Drains never overlap: two passes over the same events would race for the same deliveries. */
  private drainTail: Promise<unknown> = Promise.resolve();
  private readonly abort = new AbortController();
  private readonly loop: DrainLoop;

  constructor(
    private readonly outbox: Outbox,
    private readonly sink: EventSink,
    log: DrainLoopLog,
    retryDelayMs = 2_000,
    /** Only the leader delivers; other replicas leave the outbox alone. */
    private readonly shouldRun: () => boolean = () => true,
    /** After each pass (the edit lane follows the posts). */
    afterPass: () => void = () => {},
  ) {
    this.loop = new DrainLoop(() => this.drainOnce(), {
      retryMs: retryDelayMs,
      log,
      what: 'delivery',
      shouldRetry: shouldRun,
      afterPass,
    });
  }

  /** Asks for a drain soon; cheap to call after every poll. */
  kick(): Promise<void> {
    return this.loop.kick();
  }

  /** One full pass (after any pass in flight); resolves with how many events are still queued. */
  drainOnce(): Promise<number> {
    const pass = this.drainTail.then(async () => {
      const pending = await this.outbox.pending();
      if (pending.length === 0 || !this.shouldRun()) return pending.length;
      const done = await this.sink.deliver(pending, this.abort.signal);
      await this.outbox.complete(done);
      return pending.length - done.length;
    });
    this.drainTail = pass.catch(() => undefined);
    return pass;
  }

  /** Stops starting new sends and waits for the pass in flight, at most `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.abort.abort();
    await this.loop.stop(graceMs);
  }
}
