import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Spawned-CLI and fake-cluster tests are I/O bound; two workers match the CI machine's cores.
    maxWorkers: 2,
    // Pins fast-check's seed for every property without its own, and prints it once per run.
    setupFiles: ['test/support/fast-check-seed.ts'],
    globalSetup: ['test/support/fast-check-seed.ts'],
  },
});
