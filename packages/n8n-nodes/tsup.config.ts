import { cpSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const here = dirname(fileURLToPath(import.meta.url));
const packages = resolve(here, '..');

/** The workspace entry points the node bundles, by import name. */
const SOURCES: Record<string, string> = {
  '@imagegate/core': 'core/src/index.ts',
  '@imagegate/core/provider': 'core/src/authoring.ts',
  '@imagegate/provider-gptproto': 'provider-gptproto/src/index.ts',
  '@imagegate/provider-toapis': 'provider-toapis/src/index.ts',
};

/**
 * n8n loads CommonJS and community packages may have no runtime dependencies,
 * so core and the providers are bundled from source into each entry, with
 * n8n-workflow left external. Core's default transport (undici) and default
 * sleep (timers) are swapped for stubs: the node passes n8n's own.
 */
const imagegateFromSource: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'imagegate-from-source',
  setup(build) {
    build.onResolve({ filter: /^@imagegate\// }, (args) => {
      const source = SOURCES[args.path];
      return source ? { path: resolve(packages, source) } : undefined;
    });
    build.onResolve({ filter: /\/(fetch-transport|sleep)\.js$/ }, (args) =>
      args.importer.startsWith(resolve(packages, 'core/src'))
        ? { path: resolve(here, 'src/bundle-stubs', args.path.endsWith('sleep.js') ? 'sleep.ts' : 'fetch-transport.ts') }
        : undefined,
    );
    // Sources import siblings as './x.js'; point them at the .ts files.
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!args.importer.startsWith(packages) || args.importer.includes('node_modules')) return undefined;
      return { path: resolve(dirname(args.importer), args.path.replace(/\.js$/, '.ts')) };
    });
  },
};

export default defineConfig({
  entry: {
    'nodes/ImageGate/ImageGate.node': 'src/nodes/ImageGate/ImageGate.node.ts',
    'credentials/ImageGateGptProtoApi.credentials': 'src/credentials/ImageGateGptProtoApi.credentials.ts',
    'credentials/ImageGateToApisApi.credentials': 'src/credentials/ImageGateToApisApi.credentials.ts',
  },
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  target: 'node20',
  platform: 'node',
  clean: true,
  dts: false,
  sourcemap: false,
  minify: true,
  splitting: false,
  external: ['n8n-workflow'],
  noExternal: [/^@imagegate\//, 'zod'],
  esbuildPlugins: [imagegateFromSource],
  onSuccess: async () => {
    for (const file of ['ImageGate.node.json', 'imagegate.svg', 'imagegate.dark.svg']) {
      cpSync(resolve(here, 'src/nodes/ImageGate', file), resolve(here, 'dist/nodes/ImageGate', file));
    }
  },
});
