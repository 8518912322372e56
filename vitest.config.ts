import { defineConfig } from 'vitest/config';

/**
 * One `npm test` runs three projects:
 *  - unit: pure code and in-memory twins (fast, no processes)
 *  - integration: real emulators (DynamoDB Local, fauxqs), real sockets, real child processes
 *  - e2e: the full local stack and a real browser (Debian chromium via playwright-core)
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/emulators-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/stack-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
