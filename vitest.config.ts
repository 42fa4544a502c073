import { defineConfig } from 'vitest/config';

// Each test file gets its own database (a PGlite instance, or a fresh PostgreSQL database when
// DATABASE_URL is set); see test/helpers.ts. Two workers: this machine has 2 cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
