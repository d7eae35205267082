// `@imagegate/n8n/build`: the tsup configuration of an n8n node package built
// on the kit. n8n loads CommonJS and a verified community package may have no
// runtime dependencies, so the kit, core and the providers are bundled into
// each node and credential file, with n8n-workflow left external.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { filesUnder } from './dist-files.mjs';

const kit = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The kit's replacement for each of core's platform modules, the only modules
 * of core that use what n8n Cloud forbids in a community node (undici, DNS,
 * timers, globalThis): core imports them as `#platform/<name>`, and a node
 * bundle gets `src/platform-stubs/<name>.ts` instead, exporting the same names.
 */
const STUBS = join(kit, 'src', 'platform-stubs');
const PLATFORM_IMPORT = /^#platform\/(.+)$/;

const manifests = new Map();
/** A package.json, parsed once per build (every bare import of a package reads it). */
function manifestAt(path) {
  if (!manifests.has(path)) manifests.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return manifests.get(path);
}

const packageNames = new Map();
/** The name in the package.json nearest above a file (whose package the file is part of). */
function packageNameOf(file) {
  const dir = dirname(file);
  if (!packageNames.has(dir)) {
    const manifest = join(dir, 'package.json');
    packageNames.set(
      dir,
      existsSync(manifest) ? manifestAt(manifest).name : dirname(dir) === dir ? undefined : packageNameOf(dir),
    );
  }
  return packageNames.get(dir);
}

/** Marks a resolution the plugin asked esbuild for itself, so that the plugin lets it through. */
const RESOLVED = Symbol('resolved by imagegate-from-source');

/** The package.json of package `name` as found from `dir`, or undefined. */
function manifestPathOf(dir, name) {
  try {
    return createRequire(join(dir, 'index.js')).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
}

/** Whether `dir` is outside the package at `root` (a linked provider's folder, say). */
const outside = (root, dir) => relative(root, dir).startsWith('..');

/**
 * Core's platform modules, by name (core as the node package finds it): from its sources where present, else from its
 * build.
 */
function platformModules(root) {
  const find = (from) => createRequire(join(from, 'index.js')).resolve('@imagegate/core/package.json');
  let core;
  try {
    core = dirname(find(root));
  } catch {
    core = dirname(find(kit));
  }
  const [dir, ext] = existsSync(join(core, 'src', 'platform'))
    ? [join(core, 'src', 'platform'), '.ts']
    : [join(core, 'dist', 'platform'), '.js'];
  return readdirSync(dir)
    .filter((file) => file.endsWith(ext) && !file.endsWith(`.test${ext}`))
    .map((file) => file.slice(0, -ext.length));
}

/**
 * Bundle packages from their sources where they publish an
 * `@imagegate/source` export condition and the source is present (a
 * workspace, a provider in its own repository); from their builds otherwise.
 * Core's platform modules (`#platform/<name>`, imported so from its sources
 * and its dist alike) are swapped for the kit's stubs: the node hands core
 * n8n's transport and sleep instead. A platform module without a stub fails
 * the build.
 */
const fromSource = (root) => ({
  name: 'imagegate-from-source',
  setup(build) {
    build.onStart(() => {
      let missing;
      try {
        missing = platformModules(root).filter((name) => !existsSync(join(STUBS, `${name}.ts`)));
      } catch {
        return undefined; // no core to check against: nothing of it is bundled either
      }
      return {
        errors: missing.map((name) => ({
          text:
            `@imagegate/core has the platform module "${name}" ` +
            `and the kit no src/platform-stubs/${name}.ts to put in its place.`,
        })),
      };
    });
    build.onResolve({ filter: PLATFORM_IMPORT }, (args) => {
      if (packageNameOf(args.importer) !== '@imagegate/core') return undefined;
      const name = PLATFORM_IMPORT.exec(args.path)[1];
      const stub = join(STUBS, `${name}.ts`);
      if (existsSync(stub)) return { path: stub };
      return {
        errors: [
          {
            text:
              `@imagegate/core imports ${args.path}; ` +
              `the kit has no src/platform-stubs/${name}.ts to put in its place.`,
          },
        ],
      };
    });
    build.onResolve({ filter: /^(@[^/]+\/)?[^./#][^/]*(\/.*)?$/ }, async (args) => {
      const match = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(args.path);
      if (!match || args.path === 'n8n-workflow' || args.pluginData === RESOLVED) return undefined;
      const [, name, sub] = match;
      // A provider linked from outside the package (`file:../provider`, with node_modules of its own) takes
      // the package's copies of what both have: one core (one error registry) and one zod in the bundle.
      // (esbuild's own resolver decides: Node's would also search NODE_PATH, which pnpm sets.)
      let fromRoot;
      if (outside(root, args.resolveDir)) {
        fromRoot = await build.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: RESOLVED });
        if (fromRoot.errors.length > 0) fromRoot = undefined;
      }
      const manifestPath = manifestPathOf(fromRoot ? root : args.resolveDir, name);
      const manifest = manifestPath && manifestAt(manifestPath);
      const source = manifest?.exports?.[`.${sub ?? ''}`]?.['@imagegate/source'];
      const file = source && resolve(dirname(manifestPath), source);
      if (file && existsSync(file)) return { path: file, sideEffects: manifest.sideEffects !== false };
      if (!fromRoot) return undefined;
      const { path, external, namespace, sideEffects, suffix } = fromRoot;
      return { path, external, namespace, sideEffects, suffix };
    });
    // Sources import siblings as './x.js'; point them at the .ts files.
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      // Also in node_modules: the published core and kit carry their sources.
      if (!args.importer.endsWith('.ts')) return undefined;
      const ts = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return existsSync(ts) ? { path: ts, sideEffects: hasSideEffects(ts) } : undefined;
    });
  },
});

/**
 * zod 4 keeps its settings and schema registry on `globalThis`, which n8n Cloud forbids in a community node. A
 * bundle's zod is its own (n8n and other nodes load theirs), so its files get an object of their own instead: the
 * bundle's zod shares its locale and registry with no other node, and the files pass the scanner's rules.
 */
const zodWithoutGlobalThis = () => ({
  name: 'imagegate-zod-without-globalthis',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/].*\.[cm]?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/\bglobalThis\b/.test(text)) return undefined;
      return { contents: `var zodGlobals = {};\n${text.replace(/\bglobalThis\b/g, 'zodGlobals')}`, loader: 'js' };
    });
  },
});

/** The size of every file n8n loads from dist/, printed after each build. */
function reportSizes(root) {
  const dist = resolve(root, 'dist');
  const files = filesUnder(dist).map((path) => ({
    file: relative(dist, path),
    kB: +(statSync(path).size / 1024).toFixed(1),
  }));
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
 * @param options.entries - output path without `.js` → source file, e.g.
 *   `{ 'nodes/GptProto/GptProto.node': 'src/nodes/GptProto/GptProto.node.ts' }`
 * @param options.assets - files copied beside them after the build (icons, codex), source → destination, relative to
 *   the package
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
    esbuildPlugins: [fromSource(root), zodWithoutGlobalThis()],
    onSuccess: async () => {
      for (const [from, to] of Object.entries(assets)) {
        mkdirSync(dirname(resolve(root, to)), { recursive: true });
        cpSync(resolve(root, from), resolve(root, to));
      }
      reportSizes(root);
    },
  });
}
