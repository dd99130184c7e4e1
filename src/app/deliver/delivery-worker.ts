/**
 * Drains the outbox into the sink, apart from polling, so a long fan-out never delays the next poll. One
 * drain runs at a time; a kick during a drain runs another right after. Events that could not be delivered
 * everywhere stay queued and are retried after a short pause (the sink's own pacing decides the rest).
 */
import { describeError, isBotError } from '../../core/errors.js';
import type { Outbox } from '../outbox.js';
import type { EventSink } from '../ports.js';

export interface WorkerLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export class DeliveryWorker {
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Drains never overlap: two passes over the same events would race for the same deliveries. */
  private drainTail: Promise<unknown> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(
    private readonly outbox: Outbox,
    private readonly sink: EventSink,
    private readonly log: WorkerLogger,
    private readonly retryDelayMs = 2_000,
    /** Only the leader delivers; other replicas leave the outbox alone. */
    private readonly shouldRun: () => boolean = () => true,
  ) {}

  /** Asks for a drain soon; cheap to call after every poll. */
  kick(): Promise<void> {
    if (this.abort.signal.aborted) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
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

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let remaining = 0;
      try {
        remaining = await this.drainOnce();
      } catch (error) {
        const level = isBotError(error, 'STORE_UNAVAILABLE') ? 'debug' : 'warn';
        this.log[level]({ err: error, reason: describeError(error) }, 'delivery pass failed; will retry');
        remaining = 1;
      }
      if (remaining > 0 && !this.again && !this.abort.signal.aborted && this.shouldRun()) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.kick(), this.retryDelayMs);
        this.retryTimer.unref();
      }
    } while (this.again && !this.abort.signal.aborted);
  }

  /** Stops starting new sends and waits for the pass in flight, at most `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    clearTimeout(this.retryTimer);
    this.abort.abort();
    if (!this.running) return;
    await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }
}
