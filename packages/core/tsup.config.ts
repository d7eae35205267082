import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * Each platform module is an entry of its own and every `#platform/<name>`
 * import stays external, so the published dist imports them by specifier too:
 * a host bundle (the n8n node kit's, or a third party's made from dist) can
 * swap them exactly as it does in the sources.
 */
const platform = readdirSync(new URL('./src/platform', import.meta.url))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.replace(/\.ts$/, ''));

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    provider: 'src/provider.ts',
    ...Object.fromEntries(platform.map((name) => [`platform/${name}`, `src/platform/${name}.ts`])),
  },
  external: [/^#platform\//],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
