import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Each worker imports the app once for all its files (decisions §38): every file still opens its own database.
    isolate: false,
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/password-cost.ts'],
    // stall guards only: a test's real duration scales with the machine's load, so these sit far above it
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
