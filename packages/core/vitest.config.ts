import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Core's tests use the test kit from source, and the kit uses this core from
    // source too: one copy of everything, and no package cycle (the kit depends on core).
    alias: [
      { find: /^@imagegate\/testing\/fakes$/, replacement: here('../testing/src/fakes.ts') },
      { find: /^@imagegate\/testing$/, replacement: here('../testing/src/index.ts') },
      { find: /^@imagegate\/core\/provider$/, replacement: here('./src/provider.ts') },
      { find: /^@imagegate\/core$/, replacement: here('./src/index.ts') },
      // What package.json's "imports" gives under the @imagegate/source condition.
      { find: /^#platform\/(.+)$/, replacement: here('./src/platform/$1.ts') },
    ],
  },
  test: {
    // Tests sit beside their modules; test/ keeps the cases across modules (the README example).
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // The JSON report feeds the pass/fail summary line that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
