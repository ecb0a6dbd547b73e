import { defineConfig } from 'vitest/config';

/** Browser tests: Chromium (playwright-core) against the real API process and `next start`. */
export default defineConfig({
  test: {
    include: ['dashboard/e2e/**/*.browser.test.ts'],
    exclude: ['node_modules/**', 'dashboard/.next/**'],
    globalSetup: ['dashboard/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores on the build machines: one test file at a time keeps timings honest.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
