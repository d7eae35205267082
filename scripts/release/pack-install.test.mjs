// What npm users get: `pnpm pack` each package (after `pnpm build`), install
// the library tarballs together into an empty project with npm, and use them
// from ESM and from CommonJS (and their types from .mts and .cts). The n8n
// package is unpacked the way n8n installs community nodes and its node and
// credential files are required beside n8n-workflow. Run by `pnpm test:release`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scannerFindings } from '../../packages/n8n/build/package-checks.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIBRARIES = ['core', 'testing', 'provider-gptproto', 'provider-toapis', 'ai-sdk'];
const KIT = 'n8n';
/** Every n8n node package: the combined one and one per vendor (packages with n8n's community-node keyword). */
const NODE_PACKAGES = readdirSync(join(ROOT, 'packages')).filter((dir) => {
  const file = join(ROOT, 'packages', dir, 'package.json');
  return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).keywords?.includes('n8n-community-node-package');
});

let tmp;
const packed = {}; // package folder → { tarball, entries, manifest }

/** Run a command; `label` prints it with its time (tar and the like run unlabelled). */
function sh(command, args, options = {}, label = undefined) {
  const started = Date.now();
  const out = spawnSync(command, args, { encoding: 'utf8', timeout: 150_000, ...options });
  if (label) console.log(`  ${label}: exit ${out.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (out.error) throw out.error;
  return { ...out, output: `${out.stdout}\n${out.stderr}` };
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'imagegate-pack-'));
  mkdirSync(join(tmp, 'tarballs'));
  for (const dir of [...LIBRARIES, KIT, ...NODE_PACKAGES]) {
    const pkgDir = join(ROOT, 'packages', dir);
    assert.ok(existsSync(join(pkgDir, 'dist')), `packages/${dir}/dist is missing: run \`pnpm build\` first`);
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const r = sh(
      'pnpm',
      ['pack', '--pack-destination', join(tmp, 'tarballs')],
      { cwd: pkgDir },
      `pnpm pack ${manifest.name}`,
    );
    assert.equal(r.status, 0, r.output);
    const tarball = join(
      tmp,
      'tarballs',
      `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`,
    );
    assert.ok(existsSync(tarball), `pnpm pack wrote no ${tarball}`);
    const entries = sh('tar', ['-tzf', tarball]).stdout.trim().split('\n');
    const packedManifest = JSON.parse(sh('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
    packed[dir] = { tarball, entries, manifest: packedManifest };
  }
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Every file a package.json points at (main, module, types, exports targets).
 * The `@imagegate/source` condition is left out: it points the n8n node
 * kit's build at sources, which only core and the kit publish (see
 * {@link sourcesOf}); elsewhere the kit's build bundles dist/.
 */
function pointedAt(manifest) {
  const out = new Set([manifest.main, manifest.module, manifest.types].filter(Boolean));
  const walk = (value) => {
    if (typeof value === 'string') out.add(value);
    else if (value && typeof value === 'object')
      Object.entries(value).forEach(([condition, target]) => condition !== '@imagegate/source' && walk(target));
  };
  walk(manifest.exports);
  return [...out].map((p) => p.replace(/^\.\//, ''));
}

/**
 * Every file package.json's "imports" points at (the `@imagegate/source`
 * condition left out, as above), a `*` pattern expanded over the modules its
 * first target matches in the tarball: core's `#platform/<name>` modules.
 */
function importedFiles(manifest, entries) {
  const files = [];
  for (const conditions of Object.values(manifest.imports ?? {})) {
    const targets = [];
    const walk = (value) => {
      if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
      else if (value && typeof value === 'object')
        Object.entries(value).forEach(([condition, target]) => condition !== '@imagegate/source' && walk(target));
    };
    walk(conditions);
    if (!targets[0]?.includes('*')) {
      files.push(...targets);
      continue;
    }
    const [head, tail] = targets[0].split('*');
    const names = entries
      .filter((e) => e.startsWith(`package/${head}`) && e.endsWith(tail))
      .map((e) => e.slice(`package/${head}`.length, -tail.length || undefined));
    assert.ok(names.length > 0, `${manifest.name}: "imports" points at ${targets[0]}, and nothing packed matches it`);
    for (const name of names) files.push(...targets.map((t) => t.replace('*', name)));
  }
  return files;
}

/** Where a package's `@imagegate/source` conditions point (exports and imports), `*` patterns as they are. */
function sourcesOf(manifest) {
  const out = [];
  const walk = (value) =>
    value &&
    typeof value === 'object' &&
    Object.entries(value).forEach(([condition, target]) =>
      condition === '@imagegate/source' ? out.push(target.replace(/^\.\//, '')) : walk(target),
    );
  walk(manifest.exports);
  walk(manifest.imports);
  return out;
}

/**
 * Core and the kit ship their sources (tests left out): a node package built from the published packages bundles
 * them as this workspace does, tree-shaken file by file, with core's platform modules swapped by specifier.
 */
function assertSourcesPacked(manifest, entries) {
  assert.deepEqual(
    entries.filter((e) => e.endsWith('.test.ts')),
    [],
    `${manifest.name} ships tests`,
  );
  for (const source of sourcesOf(manifest)) {
    const [head, tail] = source.split('*');
    const found = entries.filter((e) =>
      tail === undefined ? e === `package/${source}` : e.startsWith(`package/${head}`) && e.endsWith(tail),
    );
    assert.ok(found.length > 0, `${manifest.name}: its @imagegate/source condition points at ${source}, not packed`);
  }
}

/** The platform modules a packed core carries (dist/platform/<name>.js), by name. */
const platformModules = (entries) =>
  entries.flatMap((e) => /^package\/dist\/platform\/([^/]+)\.js$/.exec(e)?.[1] ?? []).sort();

test('the library tarballs hold dist, README and LICENSE (core its sources too), and a complete package.json', () => {
  for (const dir of LIBRARIES) {
    const { entries, manifest } = packed[dir];
    const shipped =
      dir === 'core'
        ? /^package\/(package\.json|README\.md|LICENSE|dist\/.+|src\/.+\.ts)$/
        : /^package\/(package\.json|README\.md|LICENSE|dist\/.+)$/;
    const stray = entries.filter((e) => !shipped.test(e));
    assert.deepEqual(stray, [], `${manifest.name} ships files outside dist/${dir === 'core' ? ' and src/' : ''}`);
    if (dir === 'core') assertSourcesPacked(manifest, entries);
    for (const file of ['package/README.md', 'package/LICENSE', 'package/package.json'])
      assert.ok(entries.includes(file), `${manifest.name} lacks ${file}`);
    for (const field of ['exports', 'types', 'files', 'license', 'repository'])
      assert.ok(manifest[field], `${manifest.name}: no "${field}"`);
    assert.equal(manifest.publishConfig?.provenance, true, `${manifest.name}: publishConfig.provenance is not true`);
    assert.ok(!JSON.stringify(manifest).includes('workspace:'), `${manifest.name}: a workspace: range was packed`);
    for (const target of [...pointedAt(manifest), ...importedFiles(manifest, entries)]) {
      if (target === 'package.json') continue;
      assert.ok(
        entries.includes(`package/${target}`),
        `${manifest.name}: package.json points at ${target}, which is not in the tarball`,
      );
    }
    for (const [entry, conditions] of Object.entries(manifest.exports)) {
      if (typeof conditions === 'string') continue;
      assert.ok(
        conditions.import?.types && conditions.require?.types,
        `${manifest.name}: exports["${entry}"] lacks types for import or require`,
      );
    }
  }
});

/** The same checks, once as an ES module and once as CommonJS. */
function checkProgram(kind, specifiers) {
  const esm = kind === 'esm';
  const load = esm ? '(s) => import(s)' : '(s) => Promise.resolve().then(() => require(s))';
  const imports = esm
    ? `import { fileURLToPath } from 'node:url';
import { generateImage, ImageGateError } from '@imagegate/core';
import { sniffImage } from '@imagegate/core/provider';
import { encodePng, toBase64 } from '@imagegate/testing/fakes';
import { createGptProto, GPTPROTO_MODELS } from '@imagegate/provider-gptproto';
import { createToApis, TOAPIS_MODELS } from '@imagegate/provider-toapis';
const testingEntry = fileURLToPath(import.meta.resolve('@imagegate/testing'));`
    : `const { generateImage, ImageGateError } = require('@imagegate/core');
const { sniffImage } = require('@imagegate/core/provider');
const { encodePng, toBase64 } = require('@imagegate/testing/fakes');
const { createGptProto, GPTPROTO_MODELS } = require('@imagegate/provider-gptproto');
const { createToApis, TOAPIS_MODELS } = require('@imagegate/provider-toapis');
const testingEntry = require.resolve('@imagegate/testing');`;
  const body =
    `
const png = encodePng(24, 16);
const json = (status, value) => ({ status, headers: { 'content-type': 'application/json' }, ` +
    `body: new TextEncoder().encode(JSON.stringify(value)) });
const key = 'sk-pack-check-0123456789';

// GPTProto, synchronous: one generation through the packed provider and core.
const gptproto = createGptProto({ apiKey: key, ` +
    `transport: async (req) => json(200, { created: 1, data: [{ b64_json: toBase64(png) }] }) });
const one = await generateImage({ provider: gptproto, model: 'gpt-image-1', prompt: 'a pack check' });

// ToAPIs, asynchronous: submit, one poll, download of the result URL.
const toapis = createToApis({
  apiKey: key,
  transport: async (req) => {
    const url = new URL(req.url);
    if (req.method === 'POST' && url.pathname === '/v1/images/generations') ` +
    `return json(200, { id: 'task_1', object: 'generation.task', status: 'queued', progress: 0, created_at: 1 });
    if (url.pathname === '/v1/images/generations/task_1') return json(200, { id: 'task_1', status: 'completed', ` +
    `progress: 100, created_at: 1, result: { type: 'image', data: [{ url: 'https://cdn.pack-check.test/r.png' }] } });
    if (url.host === 'cdn.pack-check.test') return { status: 200, headers: { 'content-type': 'image/png' }, body: png };
    return json(404, { error: { message: 'no route' } });
  },
});
const two = await generateImage({ provider: toapis, model: 'nano-banana', prompt: 'a pack check', ` +
    `sleep: async () => {} });

// Every entry point in the packages' exports loads (or, for @imagegate/testing, lacks only its optional peer vitest).
const entries = {};
for (const specifier of ${JSON.stringify(specifiers)}) {
  entries[specifier] = await (${load})(specifier).then(
    (m) => Object.keys(m).length + ' exports',
    (e) => 'failed: ' + String(e.message).split('\\n')[0],
  );
}

// A vendor error is an ImageGateError, with the key redacted.
const refused = createGptProto({ apiKey: key, ` +
    `transport: async () => json(401, { error: { message: 'Invalid signature ' + key, type: '401' } }) });
const error = await generateImage({ provider: refused, model: 'gpt-image-1', prompt: 'x', maxRetries: 0 })` +
    `.catch((e) => e);

console.log(JSON.stringify({
  fakesPng: sniffImage(png),
  gptproto: { models: GPTPROTO_MODELS.length, ` +
    `image: one.images[0].mimeType + ' ' + one.images[0].width + 'x' + one.images[0].height },
  toapis: { models: TOAPIS_MODELS.length, ` +
    `image: two.images[0].mimeType + ' ' + two.images[0].width + 'x' + two.images[0].height, ` +
    `task: two.tasks[0].taskId },
  error: { is: ImageGateError.is(error), code: error.code, ` +
    `leaked: JSON.stringify(error.toJSON()).includes(key) || String(error.stack).includes(key) },
  entries,
  testingEntry: testingEntry.replace(/\\\\/g, '/').split('/node_modules/')[1],
}));
`;
  return esm
    ? `${imports}\n${body}`
    : `${imports}\n(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });\n`;
}

test('the tarballs install together with npm into an empty project and work from ESM and CommonJS', () => {
  const project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'imagegate-pack-check', version: '1.0.0', private: true }, null, 2),
  );
  const tarballs = LIBRARIES.map((dir) => packed[dir].tarball);
  const install = sh(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs],
    { cwd: project },
    `npm install of ${tarballs.length} tarballs`,
  );
  assert.equal(install.status, 0, install.output);
  const installed = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')).packages;
  assert.equal(
    Object.keys(installed).filter((p) => p.endsWith('node_modules/@imagegate/core')).length,
    1,
    'more than one @imagegate/core was installed',
  );
  assert.ok(
    !existsSync(join(project, 'node_modules', 'vitest')) && !existsSync(join(project, 'node_modules', 'nock')),
    'the optional peers vitest/nock were installed',
  );

  const specifiers = LIBRARIES.flatMap((dir) => {
    const { name, exports } = packed[dir].manifest;
    return Object.keys(exports)
      .filter((k) => k !== './package.json')
      .map((k) => (k === '.' ? name : `${name}/${k.slice(2)}`));
  });
  writeFileSync(join(project, 'check.mjs'), checkProgram('esm', specifiers));
  writeFileSync(join(project, 'check.cjs'), checkProgram('cjs', specifiers));
  const results = {};
  for (const file of ['check.mjs', 'check.cjs']) {
    const r = sh(process.execPath, [file], { cwd: project }, `node ${file}`);
    assert.equal(r.status, 0, `${file}:\n${r.output}`);
    results[file] = JSON.parse(r.stdout.trim().split('\n').pop());
  }
  for (const [file, r] of Object.entries(results)) {
    assert.deepEqual(r.fakesPng, { mimeType: 'image/png', width: 24, height: 16 }, `${file}: encodePng`);
    assert.equal(r.gptproto.image, 'image/png 24x16', `${file}: GPTProto generation`);
    assert.ok(r.gptproto.models >= 5, `${file}: GPTPROTO_MODELS`);
    assert.equal(r.toapis.image, 'image/png 24x16', `${file}: ToAPIs task`);
    assert.equal(r.toapis.task, 'task_1');
    assert.ok(r.toapis.models >= 2, `${file}: TOAPIS_MODELS`);
    assert.deepEqual(r.error, { is: true, code: 'AUTHENTICATION', leaked: false }, `${file}: vendor error`);
    assert.deepEqual(Object.keys(r.entries), specifiers);
    for (const [specifier, outcome] of Object.entries(r.entries)) {
      if (specifier === '@imagegate/testing')
        assert.match(outcome, /^(failed: Cannot find (package|module) 'vitest'|\d+ exports)/, `${file}: ${specifier}`);
      else assert.match(outcome, /^[1-9]\d* exports$/, `${file}: ${specifier} ${outcome}`);
    }
    console.log(
      `  ${file}: ${Object.entries(r.entries)
        .map(([k, v]) => `${k} ${v.startsWith('failed') ? 'needs vitest' : v}`)
        .join('; ')}`,
    );
  }
  assert.equal(results['check.mjs'].testingEntry, '@imagegate/testing/dist/index.js');
  assert.equal(results['check.cjs'].testingEntry, '@imagegate/testing/dist/index.cjs');
});

test('the types resolve for both import (.mts) and require (.cts) under node16 resolution', () => {
  const project = join(tmp, 'project');
  const program = `import { generateImage, type ImageProvider, type ModelSpec } from '@imagegate/core';
import { createFetchTransport, type FetchTransportOptions } from '@imagegate/core/provider';
import { encodePng } from '@imagegate/testing/fakes';
import { describeProviderContract } from '@imagegate/testing';
import { createGptProto, type GptProtoModelId } from '@imagegate/provider-gptproto';
import { createToApis, type ToApisModelId } from '@imagegate/provider-toapis';

const providers: ImageProvider[] = [createGptProto({ apiKey: 'k' }), createToApis({ apiKey: 'k' })];
const models: readonly ModelSpec[] = providers.flatMap((p) => p.models);
const png: Uint8Array = encodePng(8, 8);
const ids: [GptProtoModelId, ToApisModelId] = ['gpt-image-1', 'nano-banana'];
const transport: FetchTransportOptions = { maxConnectionsPerOrigin: 4 };
export const used = [generateImage, createFetchTransport, transport, describeProviderContract, models, png, ids];
`;
  writeFileSync(join(project, 'types.mts'), program);
  writeFileSync(join(project, 'types.cts'), program);
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--module',
    'node16',
    '--moduleResolution',
    'node16',
    '--target',
    'es2022',
    '--lib',
    'es2022,dom',
    '--types',
    'node',
    '--typeRoots',
    join(ROOT, 'node_modules', '@types'),
  ];
  const r = sh(process.execPath, [tsc, ...args, 'types.mts', 'types.cts'], { cwd: project }, 'tsc types.mts types.cts');
  assert.equal(r.status, 0, r.output);
});

test(
  'the n8n node kit packs dist/, build/ (its build and checks), its sources with a stub for ' +
    'each platform module of core, and every file its package.json points at',
  () => {
    const { entries, manifest } = packed[KIT];
    const stray = entries.filter(
      (e) => !/^package\/(package\.json|README\.md|LICENSE|(dist|build)\/.+|src\/.+\.ts)$/.test(e),
    );
    assert.deepEqual(stray, [], `${manifest.name} ships files outside dist/, build/ and src/`);
    assertSourcesPacked(manifest, entries);
    // A node package built from the published packages bundles core's
    // sources (or dist), whose #platform/<name> imports the build swaps for these.
    const stubs = entries.flatMap((e) => /^package\/src\/platform-stubs\/([^/]+)\.ts$/.exec(e)?.[1] ?? []).sort();
    assert.deepEqual(
      stubs,
      platformModules(packed.core.entries),
      `${manifest.name}: a platform module of @imagegate/core has no stub, or a stub no module`,
    );
    for (const target of pointedAt(manifest))
      if (target !== 'package.json')
        assert.ok(
          entries.includes(`package/${target}`),
          `${manifest.name}: package.json points at ${target}, which is not in the tarball`,
        );
    assert.equal(manifest.publishConfig?.provenance, true);
    assert.ok(!JSON.stringify(manifest).includes('workspace:'), 'a workspace: range was packed');
  },
);

for (const dir of NODE_PACKAGES)
  test(
    `${dir} packs only dist, package.json, README and LICENSE, passes ` +
      `the scanner's rules as packed, and loads beside n8n-workflow`,
    async () => {
      const { tarball, entries, manifest } = packed[dir];
      const stray = entries.filter((e) => !/^package\/(package\.json|README\.md|LICENSE|dist\/.+)$/.test(e));
      assert.deepEqual(stray, [], 'the n8n package ships files outside dist/');
      for (const file of ['package/README.md', 'package/LICENSE'])
        assert.ok(entries.includes(file), `the n8n package lacks ${file}`);
      assert.equal(manifest.publishConfig?.provenance, true);
      assert.deepEqual(manifest.dependencies ?? {}, {}, 'an n8n community node may have no runtime dependencies');
      assert.ok(!JSON.stringify(manifest).includes('workspace:'), 'a workspace: range was packed');
      const files = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
      for (const file of files)
        assert.ok(entries.includes(`package/${file}`), `package.json's n8n section lists ${file}, which is not packed`);

      // As n8n installs community nodes: <user folder>/.n8n/nodes/node_modules/<name>, n8n-workflow beside it.
      const nodes = join(tmp, `n8n-user-${dir}`, '.n8n', 'nodes');
      const target = join(nodes, 'node_modules', manifest.name);
      mkdirSync(target, { recursive: true });
      assert.equal(sh('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']).status, 0);
      writeFileSync(
        join(nodes, 'package.json'),
        JSON.stringify(
          { name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } },
          null,
          2,
        ),
      );
      symlinkSync(
        realpathSync(join(ROOT, 'packages', dir, 'node_modules', 'n8n-workflow')),
        join(nodes, 'node_modules', 'n8n-workflow'),
        'dir',
      );

      // n8n's scanner reads the published files: its restricted-globals
      // and restricted-imports rules, on every packed .js.
      const packedJs = entries.filter((e) => e.endsWith('.js')).map((e) => join(target, e.replace(/^package\//, '')));
      assert.ok(packedJs.length > 0, 'no JavaScript packed');
      assert.deepEqual(
        await scannerFindings(target, packedJs),
        [],
        `${manifest.name}: the scanner's rules fail on the packed files`,
      );

      const loader =
        `const path = require('node:path');
const out = [];
for (const file of ${JSON.stringify(files)}) {
  const mod = require(path.join(${JSON.stringify(target)}, file));
  const name = path.basename(file).split('.')[0];
  const Type = mod[name];
  if (typeof Type !== 'function') throw new Error(file + ' does not export ' + name);
  const instance = new Type();
  out.push({ file, name: instance.description ? instance.description.name : instance.name, ` +
        `properties: (instance.description ? instance.description.properties : instance.properties).length });
}
console.log(JSON.stringify(out));
`;
      writeFileSync(join(nodes, 'load.cjs'), loader);
      const r = sh(process.execPath, ['load.cjs'], { cwd: nodes }, 'node load.cjs (n8n node and credentials)');
      assert.equal(r.status, 0, r.output);
      const loaded = JSON.parse(r.stdout.trim().split('\n').pop());
      assert.equal(loaded.length, files.length);
      for (const item of loaded) {
        assert.ok(typeof item.name === 'string' && item.name.length > 0, `${item.file}: no name`);
        assert.ok(item.properties > 0, `${item.file}: no properties`);
      }
    },
  );
