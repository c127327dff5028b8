import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Integration suites share one Redis and one Elasticsearch: files run in parallel on two forks, each
    // test isolating itself by a unique queue prefix or index name.
    pool: 'forks',
    maxWorkers: 2,
  },
});
