/** The one way tests, the simulator and benchmarks wait: poll a read until it yields, or fail saying what was awaited. */

export interface WaitOptions {
  timeoutMs?: number;
  /** Extra detail for the timeout message (recent logs, what was seen instead). */
  detail?: () => string;
  /** Checked on every round: a reason to stop waiting at once (the process under test exited). */
  abort?: () => string | undefined;
  intervalMs?: number;
}

/** Resolves with the first value `read` returns that is not undefined. */
export async function eventually<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    const stop = options.abort?.();
    if (stop)
      throw new Error(`${stop} while waiting for ${what}${options.detail ? `\n${options.detail()}` : ''}`);
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${options.detail ? `\n${options.detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** Resolves once `check` holds. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: WaitOptions = {},
): Promise<void> {
  await eventually(what, async () => ((await check()) ? true : undefined), options);
}
