import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', fakes: 'src/fakes.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Core, vitest and nock are the author's own copies, never bundled ones.
  external: ['@imagegate/core', 'vitest', 'nock'],
});
