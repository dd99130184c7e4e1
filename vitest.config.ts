import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration suites spawn real processes and servers on loopback; keep parallelism modest on 2 cores.
    maxWorkers: 2,
    allowOnly: false,
  },
});
