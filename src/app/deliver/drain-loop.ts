/**
 * The loop both delivery lanes run by: one pass at a time; a kick during a pass runs another right after it;
 * when something is left, another pass after a pause. A failed pass is logged (a store outage only at debug:
 * the tick logs that once) and retried the same way.
 */
import { describeError, isBotError } from '../../core/errors.js';

export interface DrainLoopLog {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export class DrainLoop {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    /** One pass; resolves with how much is left. */
    private readonly pass: () => Promise<number>,
    private readonly options: {
      retryMs: number;
      log: DrainLoopLog;
      /** Names the lane in the failure log line. */
      what: string;
      /** Retry only while this holds (only the leader delivers). */
      shouldRetry?: () => boolean;
      afterPass?: () => void;
    },
  ) {}

  /** Asks for a pass soon; cheap to call often. Resolves when the passes it started are done. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops scheduling passes and waits for the one in flight, at most `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.running) return;
    await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let left = 0;
      try {
        left = await this.pass();
      } catch (error) {
        const level = isBotError(error, 'STORE_UNAVAILABLE') ? 'debug' : 'warn';
        this.options.log[level](
          { err: error, reason: describeError(error) },
          `${this.options.what} pass failed; will retry`,
        );
        left = 1;
      }
      this.options.afterPass?.();
      if (left > 0 && !this.again && !this.stopped && (this.options.shouldRetry?.() ?? true)) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.kick(), this.options.retryMs);
        this.timer.unref();
      }
    } while (this.again && !this.stopped);
  }
}
