import { defineConfig } from 'vitest/config';

// `pnpm measure:request-path`: not a test, a measurement printed for the notes.
// Every workspace package from its sources, so each file a request runs is seen.
export default defineConfig({
  resolve: { conditions: ['@imagegate/source', 'import', 'module', 'default'] },
  ssr: { resolve: { conditions: ['@imagegate/source', 'import', 'module', 'default'] } },
  test: { include: ['bench/*.measure.ts'], testTimeout: 30_000 },
});
