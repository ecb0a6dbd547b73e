import { defineConfig } from 'vitest/config';

/** `npm run test:reliability`: fuzzing, fault injection (kills, restarts, dropped connections). */
export default defineConfig({
  test: {
    include: ['**/*.reliability.test.ts'],
    exclude: ['node_modules/**', 'dashboard/.next/**'],
    globalSetup: ['db/testing/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
