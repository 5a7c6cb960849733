import { defineConfig } from 'vitest/config';

// `pnpm test:browser`: the dashboard in Debian's Chromium (playwright-core) against a real server started by
// tests/e2e/server.ts, or against E2E_BASE_URL when set. One file at a time: each starts a browser and a server.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 660_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
