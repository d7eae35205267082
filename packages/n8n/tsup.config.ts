import { defineConfig } from 'tsup';

// The kit as a library (for type checks and for hosts that import it); node
// packages bundle it from source through @imagegate/n8n/build instead.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  external: ['n8n-workflow', /^@imagegate\//],
});
