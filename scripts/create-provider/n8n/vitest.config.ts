import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The JSON report feeds the pass/fail summary line that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
