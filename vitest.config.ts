import { defineConfig } from 'vitest/config';

// `pnpm test`: unit, API and database tests. One database per run, started in tests/support/global-setup.ts:
// the embedded one by default, or the server at DATABASE_URL. Browser tests: vitest.browser.config.ts.
export default defineConfig({
  test: {
    include: [
      '{shared,server,client,db}/src/**/*.test.{ts,tsx}',
      'db/seed/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['tests/e2e/**', 'tests/resilience/**', '**/node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
