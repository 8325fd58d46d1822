import { defineConfig } from 'vitest/config';

/** `npm run test:spark`: the real-Spark suite (minutes, needs Java 17 and PyPI); not part of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/spark/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 1_500_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
