import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-Spark suite runs with `npm run test:spark` (vitest.spark.config.ts).
    exclude: ['test/spark/**', '**/node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
