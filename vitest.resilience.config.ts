import { defineConfig } from 'vitest/config';

// `pnpm test:resilience`: fault tests against real server processes (tests/resilience/): the native PostgreSQL
// restarted under the server, the embedded database killed with SIGKILL, slow queries against /api/health, and
// SIGTERM with a request in flight. Not part of `pnpm test`, because it stops and starts the shared PostgreSQL
// server. One file at a time: each starts its own servers, and timings are part of what is tested.
export default defineConfig({
  test: {
    include: ['tests/resilience/**/*.test.ts'],
    globalSetup: ['tests/resilience/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
