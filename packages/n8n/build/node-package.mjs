// `@imagegate/n8n/build`: the tsup configuration of an n8n node package built
// on the kit. n8n loads CommonJS and a verified community package may have no
// runtime dependencies, so the kit, core and the providers are bundled into
// each node and credential file, with n8n-workflow left external.
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { filesUnder } from './dist-files.mjs';

const kit = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Core's modules that n8n Cloud forbids in a community node, each replaced by the kit's `src/bundle-stubs/<name>.ts`. */
const STUBBED = ['fetch-transport', 'sleep', 'host-lookup', 'secret-registry-holder'];
const STUBBED_IMPORT = new RegExp(`/(${STUBBED.join('|')})\\.js$`);

const manifests = new Map();
/** A package.json, parsed once per build (every bare import of a package reads it). */
function manifestAt(path) {
  if (!manifests.has(path)) manifests.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return manifests.get(path);
}

/**
 * Bundle packages from their sources where they publish an
 * `@imagegate/source` export condition and the source is present (a
 * workspace, a provider in its own repository); from their builds otherwise.
 * Inside core's sources, the modules that use what n8n Cloud forbids in a
 * community node (undici, timers, DNS, globalThis) are swapped for stubs:
 * the node hands core n8n's transport and sleep instead.
 */
const fromSource = {
  name: 'imagegate-from-source',
  setup(build) {
    build.onResolve({ filter: /^(@[^/]+\/)?[^./][^/]*(\/.*)?$/ }, (args) => {
      const match = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(args.path);
      if (!match || args.path === 'n8n-workflow') return undefined;
      const [, name, sub] = match;
      let manifestPath;
      try {
        manifestPath = createRequire(join(args.resolveDir, 'index.js')).resolve(`${name}/package.json`);
      } catch {
        return undefined;
      }
      const manifest = manifestAt(manifestPath);
      const source = manifest.exports?.[`.${sub ?? ''}`]?.['@imagegate/source'];
      const file = source && resolve(dirname(manifestPath), source);
      return file && existsSync(file) ? { path: file, sideEffects: manifest.sideEffects !== false } : undefined;
    });
    build.onResolve({ filter: STUBBED_IMPORT }, (args) =>
      /[\\/]core[\\/]src[\\/]/.test(args.importer) ? { path: join(kit, 'src', 'bundle-stubs', `${STUBBED_IMPORT.exec(args.path)[1]}.ts`) } : undefined,
    );
    // Sources import siblings as './x.js'; point them at the .ts files.
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (args.importer.includes('node_modules') || !args.importer.endsWith('.ts')) return undefined;
      const ts = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return existsSync(ts) ? { path: ts, sideEffects: hasSideEffects(ts) } : undefined;
    });
  },
};

/** The size of every file n8n loads from dist/, printed after each build. */
function reportSizes(root) {
  const dist = resolve(root, 'dist');
  const files = filesUnder(dist).map((path) => ({ file: relative(dist, path), kB: +(statSync(path).size / 1024).toFixed(1) }));
  const { name } = manifestAt(join(root, 'package.json'));
  console.log(`${name} bundle:`);
  console.table(files);
  console.log(`total ${files.reduce((a, f) => a + f.kB, 0).toFixed(1)} kB`);
}

const sideEffectsByDir = new Map();

/**
 * Whether a source file's package declares side effects (`"sideEffects": false`
 * lets esbuild drop what a file does not use, e.g. a credential file that
 * imports only a provider's account). Files resolved by a plugin do not get
 * this from esbuild itself.
 */
function hasSideEffects(file) {
  let dir = dirname(file);
  const seen = [];
  while (!sideEffectsByDir.has(dir)) {
    seen.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      sideEffectsByDir.set(dir, manifestAt(manifest).sideEffects !== false);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      sideEffectsByDir.set(dir, true);
      break;
    }
    dir = parent;
  }
  const answer = sideEffectsByDir.get(dir);
  for (const d of seen) sideEffectsByDir.set(d, answer);
  return answer;
}

/**
 * The tsup configuration of a node package.
 *
 * @param options.root - the package directory (`dirname(fileURLToPath(import.meta.url))` in tsup.config.ts)
 * @param options.entries - output path without `.js` → source file, e.g. `{ 'nodes/GptProto/GptProto.node': 'src/nodes/GptProto/GptProto.node.ts' }`
 * @param options.assets - files copied beside them after the build (icons, codex), source → destination, relative to the package
 */
export function nodePackageConfig({ root, entries, assets = {} }) {
  return defineConfig({
    entry: Object.fromEntries(Object.entries(entries).map(([out, src]) => [out, resolve(root, src)])),
    outDir: resolve(root, 'dist'),
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
    noExternal: [/^(?!n8n-workflow$)/],
    esbuildPlugins: [fromSource],
    onSuccess: async () => {
      for (const [from, to] of Object.entries(assets)) {
        mkdirSync(dirname(resolve(root, to)), { recursive: true });
        cpSync(resolve(root, from), resolve(root, to));
      }
      reportSizes(root);
    },
  });
}
