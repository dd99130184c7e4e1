import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration suites spawn real processes and servers on loopback and mostly wait on them (no fixed sleeps: they
    // wait on conditions), so three files at a time fit 2 cores: 118 s instead of 163 s with two, on this machine.
    maxWorkers: 3,
    allowOnly: false,
  },
});
