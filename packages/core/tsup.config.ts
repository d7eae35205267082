import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', provider: 'src/authoring.ts', fakes: 'src/testing/fakes.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The testing entry runs inside the author's vitest and nock, never bundled copies.
  external: ['vitest', 'nock'],
});
