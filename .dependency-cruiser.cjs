// Dependency rules, checked by `pnpm deps:check` (dependency-cruiser over
// packages/ and scripts/; then scripts/check-folder-cycles.mjs).
//
// Type-only imports count (tsPreCompilationDeps): a cycle through types is
// still a cycle for whoever reads or moves the code.
//
// Imports resolve as the packages resolve them in this workspace: TypeScript
// sources behind `./x.js` specifiers, workspace packages and core's
// `#platform/<name>` subpath imports through package.json "exports" and
// "imports" under the `@imagegate/source` condition (their sources), and the
// path maps of tsconfig.depcruise.json for the test kit, which has no source
// condition.

/**
 * Core's layers, lowest first. A folder under packages/core/src may import
 * only the folders before it in this list, and itself. The entries
 * (src/index.ts, src/provider.ts) may import anything; a folder that is not
 * listed is an error until it is placed here.
 */
const CORE_LAYERS = ['spec', 'platform', 'errors', 'http', 'manifest', 'authoring', 'engine'];

/**
 * The node kit's (packages/n8n/src) folders, lowest first: an earlier folder
 * may not import a later one (host adapters know nothing of operations,
 * operations nothing of the node's assembly). Folders not listed are not
 * constrained (a warning names them).
 */
const KIT_LAYERS = ['provider', 'host', 'shared', 'fields', 'operations', 'node'];

/** Test files beside their modules, and test folders. */
const TEST_FILE = '\\.(test|spec)\\.[cm]?[jt]s$';
const TEST_FOLDER = '^packages/[^/]+/(test|test-support)/';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rules that keep `layers` (folders directly under `src` of package `pkg`) in
 * order. `strict`: a layer may import only earlier layers and itself (not the
 * package's entries, not unlisted folders), and unlisted folders are errors;
 * otherwise only "an earlier layer imports a later one" is forbidden.
 * Test files are exempt: a test may reach across layers to set a scene.
 */
function layerRules(pkg, layers, { strict }) {
  const src = `^packages/${escape(pkg)}/src/`;
  const anyLayer = `(${layers.map(escape).join('|')})`;
  const rules = layers.map((layer, i) => {
    const allowed = layers
      .slice(0, i + 1)
      .map(escape)
      .join('|');
    const later = layers
      .slice(i + 1)
      .map(escape)
      .join('|');
    return {
      name: `${pkg}-layer-${layer}`,
      severity: 'error',
      comment: strict
        ? `packages/${pkg}/src/${layer} may import only ${layers.slice(0, i + 1).join(', ')} ` +
          `(the layer order is CORE_LAYERS in .dependency-cruiser.cjs).`
        : `packages/${pkg}/src/${layer} may not import ${layers.slice(i + 1).join(', ') || 'a later layer'} ` +
          `(the order is KIT_LAYERS in .dependency-cruiser.cjs).`,
      from: { path: `${src}${escape(layer)}/`, pathNot: TEST_FILE },
      to: strict ? { path: src, pathNot: `${src}(${allowed})/` } : { path: `${src}(${later || '(?!)'})/` },
    };
  });
  rules.push({
    name: `${pkg}-not-a-layer`,
    severity: strict ? 'error' : 'warn',
    comment:
      `A folder of packages/${pkg}/src that is not in the layer list: place it ` +
      `in the list (.dependency-cruiser.cjs) or move its files into a layer.`,
    // Strict: any import of an unlisted folder. Otherwise: a layer that leans on an unlisted folder.
    from: { path: strict ? src : `${src}${anyLayer}/`, pathNot: TEST_FILE },
    to: { path: `${src}(?!${anyLayer}/)[^/]+/` },
  });
  return rules;
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle between files (type-only imports included). ' +
        'Break it by moving what both need into a module of its own.',
      from: {},
      to: { circular: true },
    },
    ...layerRules('core', CORE_LAYERS, { strict: true }),
    {
      name: 'core-platform-by-subpath',
      severity: 'error',
      comment:
        'Core reaches its platform modules through `#platform/<name>` (package.json "imports"), ' +
        'which host bundles (the node kit) swap; a relative import would bypass the swap.',
      from: { path: '^packages/core/', pathNot: '^packages/core/src/platform/' },
      to: { path: '^packages/core/src/platform/', dependencyTypesNot: ['aliased-subpath-import'] },
    },
    ...layerRules('n8n', KIT_LAYERS, { strict: false }),
    {
      name: 'no-relative-cross-package',
      severity: 'error',
      comment:
        'Import another workspace package by its name (`@imagegate/core`), not by a relative path into its files.',
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/[^/]+/',
        // The providers' benchmarks share core's benchmark helpers, which no package exports. Drop this
        // exception once those helpers move to a place of their own (e.g. scripts/bench/).
        pathNot: ['^packages/$1/', '^packages/core/bench/(stats|peak-rss)\\.mjs$'],
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
      },
    },
    {
      name: 'no-src-to-test',
      severity: 'error',
      comment: 'Shipped code (src/) may not import tests or test helpers.',
      from: { path: '^packages/[^/]+/src/', pathNot: TEST_FILE },
      to: { path: [TEST_FOLDER, TEST_FILE] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: [
        '(^|/)node_modules/',
        '(^|/)dist/',
        '(^|/)coverage/',
        '(^|/)\\.turbo/',
        // tsup's and vitest's bundled configs, there only while a build or a test runs.
        '\\.(bundled_|timestamp-)[^/]*\\.mjs$',
      ],
    },
    moduleSystems: ['es6', 'cjs'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@imagegate/source', 'import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
