/** The system clock: the one place the bot reads the wall clock for its use cases (tests pass their own). */
import type { Clock } from '../app/ports/observability.js';

export const systemClock: Clock = { now: () => Date.now() };
