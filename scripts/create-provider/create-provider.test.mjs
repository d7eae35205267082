// The scaffold, end to end. In the workspace: generate a provider, resolve
// @imagegate/core, @imagegate/testing and the tools as pnpm does for a
// workspace package, run the generated tests (green), then take required
// scenarios out (red). As a third party: pack core and the test kit, generate a
// standalone package and its n8n package outside the workspace, `npm install`
// them with the tarballs (and the node kit's), and run their tests, typecheck,
// lint and build with their own node_modules.
// Also: the guide's code blocks are the files the scaffold writes. Run by
// `pnpm test:scaffold`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { dirname, join, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { coreRange, plan, write } from '../create-provider.mjs';
import { linkN8nPackage, linkProvider } from './link-workspace.mjs';
import { userEnv } from './npm-env.mjs';
import { askPublisher } from './publisher.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'create-provider.mjs');
const CORE = join(ROOT, 'packages', 'core');
const TESTING = join(ROOT, 'packages', 'testing');
const KIT = join(ROOT, 'packages', 'n8n');
/** Our own vendor node packages, whose bundles a third party's should match in size. */
const VENDOR_NODES = ['n8n-nodes-gptproto', 'n8n-nodes-toapis'].map((dir) => join(ROOT, 'packages', dir));
/** What only ImageGate's own packages may say about who publishes them. */
const OURS = /github\.com\/imagegate\/imagegate|ImageGate contributors|imagegate\.dev/;

let tmp;
let third;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'imagegate-scaffold-'));
  for (const dir of [CORE, TESTING, KIT, ...VENDOR_NODES])
    assert.ok(existsSync(join(dir, 'dist')), `${dir}/dist is missing: run \`pnpm build\` first`);
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (third) rmSync(third, { recursive: true, force: true });
});

/** Run the scaffold as a user would; returns { status, stdout, stderr }. */
function scaffold(...args) {
  const { INIT_CWD: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: tmp, encoding: 'utf8', env });
}

function run(dir, tool, args) {
  const bin = { vitest: 'vitest/vitest.mjs', tsc: 'typescript/bin/tsc' }[tool];
  return spawnLogged(dir, process.execPath, [join(dir, 'node_modules', bin), ...args], {
    label: `${tool} ${args.join(' ')}`,
  });
}

/**
 * Spawn a command in `dir` and log how long it took; returns the spawnSync result with `output` (stdout and stderr).
 */
function spawnLogged(
  dir,
  command,
  args,
  { label = `${command} ${args.join(' ')}`, env = process.env, timeout = 60_000 } = {},
) {
  const started = Date.now();
  const out = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
    timeout,
  });
  const where = dir.startsWith(tmp) ? dir.slice(tmp.length + 1) || '.' : dir;
  console.log(`  ${label} in ${where}: exit ${out.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...out, output: `${out.stdout}\n${out.stderr}${out.error ? `\n${out.error.message}` : ''}` };
}

const vitestReport = (dir) => JSON.parse(readFileSync(join(dir, '.vitest-results.json'), 'utf8'));

/** `npm test` in a package outside the workspace, with vitest's JSON report written for {@link vitestReport}. */
const npmTest = (dir, env) =>
  spawnLogged(
    dir,
    'npm',
    ['test', '--', '--reporter=default', '--reporter=json', '--outputFile=.vitest-results.json'],
    { env, label: 'npm test' },
  );

/** The scenario names of a list in the test kit's source (`SCENARIO_NAMES`, `OPT_IN_SCENARIOS`). */
function scenarioNames(list = 'SCENARIO_NAMES') {
  const source = readFileSync(join(TESTING, 'src', 'contract-types.ts'), 'utf8');
  const names = new RegExp(`${list} = \\[([^\\]]+)\\]`).exec(source)[1];
  return [...names.matchAll(/'(\w+)'/g)].map((m) => m[1]);
}

/**
 * What the template's manifest requires: every scenario but `edit` (its models are async, cancelable, generate-only)
 * and the opt-in ones (which the template gives too, see {@link implementedScenarios}).
 */
const requiredScenarios = () =>
  scenarioNames().filter((n) => n !== 'edit' && !scenarioNames('OPT_IN_SCENARIOS').includes(n));
/** What the template's contract test implements: the required scenarios and the opt-in ones. */
const implementedScenarios = () => scenarioNames().filter((n) => n !== 'edit');

/** The scenarios a contract test file implements (keys at the scenarios' indentation). */
const scenariosIn = (source) => [...source.matchAll(/^ {4}(\w+): \{$/gm)].map((m) => m[1]);

/** The contract test without one scenario. */
function withoutScenario(source, name) {
  const out = source.replace(new RegExp(`^ {4}${name}: \\{\\n[\\s\\S]*?^ {4}\\},\\n`, 'm'), '');
  assert.notEqual(out, source, `could not remove scenario ${name}`);
  return out;
}

test('refuses an invalid id, an existing folder and unknown options, writing nothing', () => {
  for (const id of ['Acme', 'my_vendor', '1acme', 'acme-', '../acme', 'ac me']) {
    const r = scaffold(id, '--dir', 'bad');
    assert.equal(r.status, 1, `id ${id} was accepted`);
    assert.match(r.stderr, /not a valid provider id: use lower-case letters, digits and single dashes/);
  }
  mkdirSync(join(tmp, 'taken'));
  writeFileSync(join(tmp, 'taken', 'keep.txt'), 'mine');
  const taken = scaffold('acme', '--dir', 'taken');
  assert.equal(taken.status, 1);
  assert.match(taken.stderr, /taken already exists/);
  const existing = scaffold('toapis', '--dir', join(ROOT, 'packages', 'provider-toapis'));
  assert.equal(existing.status, 1);
  assert.match(existing.stderr, /provider-toapis already exists/);
  assert.match(scaffold('acme', '--dri', 'x').stderr, /Unknown option --dri/);
  assert.match(scaffold('acme', '--package', 'Not A Name').stderr, /not a valid npm package name/);
  const alone = ['--dir', 'x', '--package', '@someone/imagegate-provider-acme'];
  for (const name of ['@someone/acme-nodes', 'n8n-node-acme', '@someone/N8N-nodes-acme'])
    assert.match(
      scaffold('acme', ...alone, '--n8n', '--n8n-package', name).stderr,
      /--n8n-package "[^"]+" is not an n8n community package name: n8n installs only n8n-nodes-<name> or @<sc/,
    );
  assert.match(scaffold('acme', ...alone, '--n8n-package', '@someone/n8n-nodes-acme').stderr, /add --n8n/);
  assert.match(scaffold('acme', ...alone, '--author', '<jane@example.com>').stderr, /--author .* e\.g\. "Jane Doe/);
  assert.match(scaffold('acme', ...alone, '--repository', 'git@github.com:x/y').stderr, /give its https address/);
  assert.match(
    scaffold('acme', ...alone, '--repository', 'https://github.com/imagegate/imagegate').stderr,
    /--repository names ImageGate's repository/,
  );
  // A package of this workspace is ImageGate's: no third-party author or repository.
  assert.match(scaffold('scaffold-refused', '--author', 'Jane Doe').stderr, /--author is for a standalone package/);
  assert.ok(!existsSync(join(ROOT, 'packages', 'provider-scaffold-refused')), 'a refused run wrote into packages/');
  assert.ok(!existsSync(join(tmp, 'bad')) && !existsSync(join(tmp, 'x')), 'a refused run wrote files');
  assert.equal(readFileSync(join(tmp, 'taken', 'keep.txt'), 'utf8'), 'mine');
});

test('a --dir outside this repository without --package gets the standalone package, which installs anywhere', () => {
  const outside = plan({ id: 'acme', dir: join(tmp, 'outside') });
  assert.equal(outside.standalone, true);
  const pkg = JSON.parse(outside.files.get(join(outside.target, 'package.json')));
  assert.equal(pkg.name, 'imagegate-provider-acme');
  assert.ok(!JSON.stringify(pkg).includes('workspace:'), 'a standalone package.json must not use workspace: ranges');
});

test('without --dir it plans packages/provider-<id> and a changeset in the root .changeset/', () => {
  const { target, files } = plan({ id: 'scaffold-check' });
  assert.equal(target, join(ROOT, 'packages', 'provider-scaffold-check'));
  const changeset = files.get(join(ROOT, '.changeset', 'provider-scaffold-check-first.md'));
  assert.match(changeset, /^---\n'@imagegate\/provider-scaffold-check': minor\n---\n/);
  const pkg = JSON.parse(files.get(join(target, 'package.json')));
  assert.equal(pkg.name, '@imagegate/provider-scaffold-check');
  assert.equal(JSON.parse(files.get(join(target, 'tsconfig.json'))).extends, '../../tsconfig.base.json');
  assert.ok(files.has(join(target, 'src', 'scaffold-check-provider.ts')));
  assert.match(files.get(join(target, 'src', 'index.ts')), /export \{ createScaffoldCheck, scaffoldCheck,/);
  assert.match(
    files.get(join(target, 'src', 'index.ts')),
    /export \{ SCAFFOLD_CHECK_ACCOUNT, SCAFFOLD_CHECK_BASE_URL \}/,
  );
  assert.ok(!existsSync(target), 'plan() must not write');
});

test('the generated package.json and configs match provider-toapis', () => {
  const { target, files } = plan({ id: 'acme', dir: join(tmp, 'never-written'), workspace: true });
  const generated = JSON.parse(files.get(join(target, 'package.json')));
  const toapis = JSON.parse(readFileSync(join(ROOT, 'packages', 'provider-toapis', 'package.json'), 'utf8'));
  for (const field of [
    'type',
    'sideEffects',
    'main',
    'module',
    'types',
    'files',
    'engines',
    'publishConfig',
    'license',
  ]) {
    assert.deepEqual(generated[field], toapis[field], `package.json "${field}" differs from provider-toapis'`);
  }
  // provider-toapis may have more (a ./testing entry, a benchmark): what the generated package has must match it.
  for (const field of [
    'exports',
    'scripts',
    'dependencies',
    'peerDependencies',
    'peerDependenciesMeta',
    'devDependencies',
  ]) {
    for (const [key, value] of Object.entries(generated[field] ?? {})) {
      const theirs = toapis[field]?.[key];
      assert.deepEqual(value, theirs, `package.json ${field}["${key}"] differs from provider-toapis'`);
    }
  }
  // Entry points aside (provider-toapis may build more), the configs are provider-toapis'.
  const entries = (text) => text.replace(/^ {2}entry: \{.*\},$/m, '  entry: …,');
  for (const file of ['tsup.config.ts', 'vitest.config.ts', 'LICENSE']) {
    const theirs = readFileSync(join(ROOT, 'packages', 'provider-toapis', file), 'utf8');
    assert.equal(entries(files.get(join(target, file))), entries(theirs), `${file} differs from provider-toapis'`);
  }
  const standalone = plan({
    id: 'acme',
    dir: join(tmp, 'never-written'),
    packageName: '@someone/imagegate-provider-acme',
  });
  const alone = JSON.parse(standalone.files.get(join(target, 'package.json')));
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(alone.devDependencies['@changesets/cli'], root.devDependencies['@changesets/cli']);
  for (const [name, version] of Object.entries(generated.devDependencies)) {
    if (!version.startsWith('workspace:'))
      assert.equal(alone.devDependencies[name], version, `standalone devDependency ${name}`);
  }
  assert.deepEqual(alone.peerDependencies['@imagegate/core'], alone.devDependencies['@imagegate/core']);
  assert.deepEqual(
    alone.devDependencies['@imagegate/testing'],
    alone.devDependencies['@imagegate/core'],
    'the test kit is released in lockstep with core',
  );
  // The core of this checkout (0.0.0 before the first release) and its successors of the same major.
  assert.equal(alone.peerDependencies['@imagegate/core'], coreRange());
  assert.equal(coreRange('0.0.0'), '>=0.0.0 <1.0.0');
  assert.equal(coreRange('0.4.2'), '>=0.4.2 <1.0.0');
  assert.equal(coreRange('1.2.3'), '^1.2.3');
  assert.equal(alone.dependencies['@imagegate/core'], undefined);
});

test('a generated workspace package passes its contract tests and typechecks', () => {
  const dir = join(tmp, 'acme');
  // The workspace flavor, outside packages/ (linked to this workspace below); the CLI makes such a folder standalone.
  const result = plan({ id: 'acme', dir, workspace: true });
  assert.ok(
    ![...result.files.keys()].some((p) => p.startsWith(join(ROOT, '.changeset'))),
    'a --dir outside packages/ must not add a changeset to the repo',
  );
  write(result);
  linkProvider(dir);

  const tests = run(dir, 'vitest', ['run']);
  assert.equal(tests.status, 0, tests.output);
  const report = vitestReport(dir);
  assert.equal(report.numFailedTests, 0);
  assert.ok(report.numPassedTests >= 20, `only ${report.numPassedTests} tests passed`);
  const titles = report.testResults.flatMap((f) => f.assertionResults.map((a) => `${a.status} ${a.title}`));
  for (const name of implementedScenarios())
    assert.ok(
      titles.some((t) => t.startsWith(`passed ${name}: `)),
      `no passing check for scenario ${name}`,
    );
  assert.ok(
    titles.some((t) => t.startsWith('skipped edit: ')),
    'edit should be skipped: no model declares it',
  );

  const types = run(dir, 'tsc', ['--noEmit']);
  assert.equal(types.status, 0, types.output);
});

test("--n8n adds an n8n package on the node kit that builds, lints clean and passes the scanner's checks", () => {
  const root = join(tmp, 'with-n8n');
  const dir = join(root, 'provider-acme');
  const result = plan({ id: 'acme', dir, workspace: true, n8n: true });
  const node = join(root, 'n8n-nodes-acme');
  assert.ok(result.files.has(join(node, 'src', 'nodes', 'AcmeImage', 'AcmeImage.node.ts')), 'no node class planned');
  assert.ok(result.files.has(join(node, 'src', 'credentials', 'AcmeImageApi.credentials.ts')), 'no credential planned');
  write(result);
  linkProvider(dir);
  // The n8n package resolves the kit, core, its provider and n8n's tools as pnpm links them in this workspace.
  linkN8nPackage(node, dir, '@imagegate/provider-acme');
  // The provider's build (its tests import it as a package); the n8n package bundles it from its sources.
  const providerBuild = spawnLogged(
    dir,
    process.execPath,
    [join(node, 'node_modules', 'tsup', 'dist', 'cli-default.js')],
    { label: 'tsup (provider)' },
  );
  assert.equal(providerBuild.status, 0, providerBuild.output);
  const build = spawnLogged(node, process.execPath, [join(node, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
    label: 'tsup',
  });
  assert.equal(build.status, 0, build.output);
  assert.ok(
    statSync(join(node, 'dist', 'credentials', 'AcmeImageApi.credentials.js')).size < 10_000,
    'the credential file should carry the account, not the provider',
  );
  // Its eslint.config.mjs adds n8n's rules to the repository's (../../eslint.config.mjs from packages/n8n-nodes-acme).
  symlinkSync(join(ROOT, 'eslint.config.mjs'), join(root, '..', 'eslint.config.mjs'));
  const lint = spawnLogged(node, process.execPath, [join(node, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], {
    label: 'eslint',
  });
  assert.equal(lint.status, 0, lint.output);
  const checks = run(node, 'vitest', ['run']);
  assert.equal(checks.status, 0, checks.output);
  assert.equal(vitestReport(node).numFailedTests, 0);
  assert.ok(vitestReport(node).numPassedTests >= 5);
  const types = run(node, 'tsc', ['--noEmit']);
  assert.equal(types.status, 0, types.output);
});

test("a standalone provider's n8n package carries the third party's names, author and repository, never ours", () => {
  const alone = (extra) =>
    plan({
      id: 'acme',
      dir: join(tmp, 'alone', 'acme'),
      packageName: '@someone/imagegate-provider-acme',
      n8n: true,
      ...extra,
    });
  const { files, n8nTarget } = alone({ author: 'Jane Doe <jane@example.com>' });
  assert.equal(n8nTarget, join(tmp, 'alone', 'n8n-nodes-acme'));
  const pkg = JSON.parse(files.get(join(n8nTarget, 'package.json')));
  assert.equal(pkg.name, '@someone/n8n-nodes-acme', "the n8n package takes the provider's scope");
  assert.equal(pkg.author, 'Jane Doe <jane@example.com>');
  assert.equal(pkg.repository.url, 'git+https://github.com/someone/n8n-nodes-acme.git');
  assert.equal(pkg.devDependencies['@someone/imagegate-provider-acme'], 'file:../acme');
  assert.deepEqual(pkg.devDependencies['@imagegate/core'], coreRange());
  assert.ok(!JSON.stringify(pkg).includes('workspace:'), 'a standalone package.json must not use workspace: ranges');
  const provider = JSON.parse(files.get(join(tmp, 'alone', 'acme', 'package.json')));
  assert.equal(provider.author, 'Jane Doe <jane@example.com>');
  // Every file names the third party as publisher: package.json, LICENSE, the credential's and the codex's links
  // (a README may link to ImageGate, the project it builds on).
  for (const [path, content] of files)
    if (!path.endsWith('README.md')) assert.doesNotMatch(content, OURS, `${path} names ImageGate as its publisher`);
  assert.match(
    files.get(join(n8nTarget, 'src', 'credentials', 'AcmeImageApi.credentials.ts')),
    /documentationUrl = 'https:\/\/github\.com\/someone\/n8n-nodes-acme#credentials'/,
  );

  // Named by flag; without an author, a placeholder the package checks refuse (tried in the third party's test).
  const named = alone({
    n8nPackageName: 'n8n-nodes-acme-images',
    repository: 'https://gitlab.com/jane/acme',
    n8nRepository: 'https://gitlab.com/jane/acme-n8n',
  });
  const namedPkg = JSON.parse(named.files.get(join(n8nTarget, 'package.json')));
  assert.equal(namedPkg.name, 'n8n-nodes-acme-images');
  assert.equal(namedPkg.repository.url, 'git+https://gitlab.com/jane/acme-n8n.git');
  assert.equal(namedPkg.author, 'Your Name <you@example.com>');
  const namedProvider = JSON.parse(named.files.get(join(tmp, 'alone', 'acme', 'package.json')));
  assert.equal(namedProvider.repository.url, 'git+https://gitlab.com/jane/acme.git');
});

test('on a terminal it asks for the author and the repositories not given, Enter keeping the guess', async () => {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  const answers = [
    [/^Author of the packages/, 'Jane Doe <jane@example.com>'],
    [/^Repository of the provider \(https:\/\/github\.com\/someone\/imagegate-provider-acme\)/, ''],
    [
      /^Repository of the n8n package \(https:\/\/github\.com\/someone\/n8n-nodes-acme\)/,
      'https://gitlab.com/jane/n8n.git',
    ],
  ];
  const asked = [];
  output.on('data', (chunk) => {
    const question = chunk.toString();
    if (!question.trim()) return;
    asked.push(question);
    const [pattern, answer] = answers[asked.length - 1];
    assert.match(question, pattern);
    input.write(`${answer}\n`);
  });
  const options = { id: 'acme', packageName: '@someone/imagegate-provider-acme', n8n: true };
  const guesses = {
    repository: 'https://github.com/someone/imagegate-provider-acme',
    n8nRepository: 'https://github.com/someone/n8n-nodes-acme',
  };
  const answered = await askPublisher(options, guesses, { input, output });
  assert.equal(asked.length, 3);
  assert.equal(answered.author, 'Jane Doe <jane@example.com>');
  assert.equal(answered.repository, undefined, 'Enter keeps the guess');
  assert.equal(answered.n8nRepository, 'https://gitlab.com/jane/n8n');
  // Flags are not asked again; without a terminal nothing is asked.
  const flagged = {
    ...options,
    author: 'Jane',
    repository: 'https://x.example/a',
    n8nRepository: 'https://x.example/b',
  };
  assert.deepEqual(await askPublisher(flagged, guesses, { input, output }), flagged);
  assert.equal(asked.length, 3);
  assert.deepEqual(await askPublisher(options, guesses, { input: new PassThrough(), output }), options);
});

test('removing a required scenario from the generated contract test fails the run', () => {
  const dir = join(tmp, 'acme');
  const file = join(dir, 'test', 'acme-contract.test.ts');
  const original = readFileSync(file, 'utf8');
  const required = requiredScenarios();
  assert.deepEqual(
    scenariosIn(original).sort(),
    implementedScenarios().sort(),
    'the template implements exactly the required and the opt-in scenarios',
  );

  // As a user would: delete one scenario and run the tests.
  writeFileSync(file, withoutScenario(original, 'quotaExceeded'));
  const one = run(dir, 'vitest', ['run']);
  writeFileSync(file, original);
  assert.notEqual(one.status, 0, 'the run passed without the quotaExceeded scenario');
  assert.match(one.output, /missing scenarios: quotaExceeded/);

  // Every other required scenario too, one test file each, in one run.
  const copy = join(tmp, 'acme-without');
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true, filter: (p) => !p.startsWith(join(dir, 'test')) });
  mkdirSync(join(copy, 'test'));
  for (const name of required)
    writeFileSync(join(copy, 'test', `without-${name}.test.ts`), withoutScenario(original, name));
  const all = run(copy, 'vitest', ['run']);
  assert.notEqual(all.status, 0);
  for (const name of required) {
    const result = vitestReport(copy).testResults.find((f) => f.name.endsWith(`without-${name}.test.ts`));
    const failures = result.assertionResults
      .filter((a) => a.status === 'failed')
      .map((a) => `${a.title}: ${a.failureMessages.join(' ')}`);
    assert.ok(
      failures.some((f) => f.includes(`missing scenarios: ${name} (`)),
      `removing ${name} did not fail the "every scenario" check:\n${failures.join('\n')}`,
    );
    assert.ok(
      failures.some((f) => f.startsWith(`${name}: `)),
      `removing ${name} did not fail its own check`,
    );
  }
});

test("the guide's code blocks are the files the scaffold writes for a standalone package", () => {
  const dir = join(tmp, 'imagegate-provider-acme');
  const r = scaffold('acme', '--dir', dir, '--package', '@someone/imagegate-provider-acme');
  assert.equal(r.status, 0, r.stderr);
  for (const file of [
    '.changeset/config.json',
    '.changeset/provider-acme-first.md',
    '.github/workflows/release.yml',
    '.gitignore',
  ]) {
    assert.ok(existsSync(join(dir, file)), `standalone package lacks ${file}`);
  }

  const guide = readFileSync(join(ROOT, 'docs', 'writing-a-provider.md'), 'utf8');
  const lines = guide.split('\n');
  // The core (and test kit) version range moves with releases; the rest must match byte for byte.
  const normalise = (text) => text.replace(/("@imagegate\/(core|testing)": )"(?!workspace:)[^"]+"/g, '$1"<range>"');
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    assert.ok(end > i, `unclosed code block at line ${i + 1}`);
    const body = lines.slice(i + 1, end).join('\n') + '\n';
    const marker = /^<!-- scaffold: (\S+) -->$/.exec(lines[i - 1] ?? '');
    if (open[1] === 'sh') {
      assert.ok(!marker, `line ${i + 1}: a shell block carries a scaffold marker`);
    } else {
      assert.ok(
        marker,
        `line ${i + 1}: a ${open[1] || 'plain'} code block without "<!-- ` +
          `scaffold: <file> -->" before it (every file shown must be generated)`,
      );
      const path = join(dir, marker[1]);
      assert.ok(existsSync(path), `line ${i + 1}: the scaffold writes no ${marker[1]}`);
      assert.equal(
        normalise(body),
        normalise(readFileSync(path, 'utf8')),
        `line ${i + 1}: the guide's ${marker[1]} differs from the scaffold's`,
      );
      checked++;
    }
    i = end;
  }
  assert.ok(checked >= 10, `only ${checked} file blocks in the guide`);
});

/** The third party's folder (outside the workspace) and the tarballs of core, the test kit and the node kit. */
let thirdParty;

test(
  'a third party installs a standalone package with core and the test kit ' +
    'packed from this checkout; it passes its tests, typechecks and builds',
  () => {
    // Outside the workspace, as a third party works: nothing resolves from this checkout.
    const home = mkdtempSync(join(tmpdir(), 'imagegate-third-party-'));
    third = home;
    assert.ok(!realpathSync(home).startsWith(realpathSync(ROOT) + sep), `${home} is inside the workspace`);
    const [core, testing, kit] = [CORE, TESTING, KIT].map((pkg) => {
      const before = existsSync(join(home, 'pack')) ? readdirSync(join(home, 'pack')) : [];
      const packed = spawnLogged(pkg, 'pnpm', ['pack', '--pack-destination', join(home, 'pack')], {
        label: 'pnpm pack',
      });
      assert.equal(packed.status, 0, packed.output);
      const added = readdirSync(join(home, 'pack')).filter((name) => name.endsWith('.tgz') && !before.includes(name));
      assert.equal(added.length, 1, `pnpm pack in ${pkg} wrote ${added.join(', ') || 'no tarball'}`);
      return join(home, 'pack', added[0]);
    });
    const tarballs = [core, testing];
    thirdParty = { home, core, kit };

    const dir = join(home, 'imagegate-provider-acme');
    const r = scaffold(
      'acme',
      '--dir',
      dir,
      '--package',
      '@someone/imagegate-provider-acme',
      '--n8n',
      '--author',
      'Jane Doe <jane@example.com>',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /npm install --save-dev \S*imagegate-core-[\d.]+\.tgz \S*imagegate-testing-[\d.]+\.tgz/,
      'the next steps should say how to install an unpublished core',
    );

    // The guide's command: the dev dependencies become file:…tgz; the peer range must accept that core.
    const env = userEnv();
    const install = spawnLogged(dir, 'npm', ['install', '--save-dev', ...tarballs, '--no-audit', '--no-fund'], {
      env,
      timeout: 240_000,
      label: 'npm install --save-dev <core.tgz> <testing.tgz>',
    });
    assert.equal(install.status, 0, install.output);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const name of ['@imagegate/core', '@imagegate/testing'])
      assert.match(pkg.devDependencies[name], /^file:.*\.tgz$/, name);
    assert.equal(pkg.peerDependencies['@imagegate/core'], coreRange());
    const tree = spawnLogged(dir, 'npm', ['ls', '@imagegate/core', '@imagegate/testing', 'nock', 'vitest'], { env });
    assert.equal(tree.status, 0, `npm ls finds an invalid or missing package:\n${tree.output}`);
    // Real copies, one of each: the test kit loads the package's own core, nock and vitest.
    for (const name of ['@imagegate/core', '@imagegate/testing', 'nock', 'vitest', 'zod']) {
      const path = join(dir, 'node_modules', name);
      assert.ok(existsSync(path) && !lstatSync(path).isSymbolicLink(), `node_modules/${name} is missing or a symlink`);
      assert.ok(
        !realpathSync(path).startsWith(realpathSync(ROOT) + sep),
        `node_modules/${name} resolves into the workspace`,
      );
    }
    for (const kit of ['core', 'testing']) {
      for (const name of ['@imagegate/core', 'nock', 'vitest']) {
        assert.ok(
          !existsSync(join(dir, 'node_modules', '@imagegate', kit, 'node_modules', name)),
          `@imagegate/${kit} has its own ${name}`,
        );
      }
    }

    const tests = npmTest(dir, env);
    assert.equal(tests.status, 0, tests.output);
    const titles = vitestReport(dir).testResults.flatMap((f) =>
      f.assertionResults.map((a) => `${a.status} ${a.title}`),
    );
    for (const name of implementedScenarios())
      assert.ok(
        titles.some((t) => t.startsWith(`passed ${name}: `)),
        `no passing check for scenario ${name}`,
      );
    const types = spawnLogged(dir, 'npm', ['run', 'typecheck'], { env });
    assert.equal(types.status, 0, types.output);
    const build = spawnLogged(dir, 'npm', ['run', 'build'], { env });
    assert.equal(build.status, 0, build.output);
    const loaded = spawnLogged(
      dir,
      process.execPath,
      [
        '-e',
        "const m = require('./dist/index.cjs'); import('./dist/index.js').then((e) => " +
          "process.exit(typeof m.createAcme === 'function' && typeof e.createAcme === 'function' ? 0 : 1))",
      ],
      { label: 'load dist (CJS and ESM)' },
    );
    assert.equal(loaded.status, 0, loaded.output);
  },
);

/** The bytes of every file under a package's dist/ (what n8n loads). */
function distBytes(dir) {
  const under = (d) =>
    readdirSync(d).reduce((sum, name) => {
      const path = join(d, name);
      return sum + (statSync(path).isDirectory() ? under(path) : statSync(path).size);
    }, 0);
  return under(join(dir, 'dist'));
}

test(
  "the third party's n8n package installs cleanly with core and the node kit packed from this checkout, " +
    "builds as small as ours, lints clean, passes the kit's package checks and packs for n8n",
  () => {
    assert.ok(thirdParty, 'the standalone provider test did not run');
    const { home, core, kit } = thirdParty;
    const dir = join(home, 'n8n-nodes-acme');
    const env = userEnv();
    // Plain npm: no --legacy-peer-deps, no --ignore-scripts. The provider (file:../imagegate-provider-acme) is linked.
    const install = spawnLogged(dir, 'npm', ['install', '--save-dev', core, kit, '--no-audit', '--no-fund'], {
      env,
      timeout: 240_000,
      label: 'npm install --save-dev <core.tgz> <n8n.tgz>',
    });
    assert.equal(install.status, 0, install.output);
    assert.doesNotMatch(install.output, /ERESOLVE|peer dep|gyp|node-pre-gyp|prebuild/i, 'npm install warned');
    const tree = spawnLogged(dir, 'npm', ['ls'], { env });
    assert.equal(tree.status, 0, `npm ls finds an invalid or missing package:\n${tree.output}`);
    // No native builds: no package in the tree carries a binding.gyp (n8n-workflow's newer releases pull isolated-vm).
    const modules = join(dir, 'node_modules');
    const native = readdirSync(modules)
      .flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name]))
      .filter((name) => existsSync(join(modules, name, 'binding.gyp')));
    assert.deepEqual(native, [], 'packages that build native code were installed');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const name of ['@imagegate/core', '@imagegate/n8n'])
      assert.match(pkg.devDependencies[name], /^file:.*\.tgz$/, name);

    const build = spawnLogged(dir, 'npm', ['run', 'build'], { env });
    assert.equal(build.status, 0, build.output);
    // Bundled from the published core and kit as this workspace bundles them: the same size as the package the
    // scaffold wrote in the workspace, and no bigger than our vendors' (whose providers have more models).
    const bytes = distBytes(dir);
    const workspaceBuilt = distBytes(join(tmp, 'with-n8n', 'n8n-nodes-acme'));
    const vendors = VENDOR_NODES.map(distBytes);
    console.log(`  dist/: ${bytes} bytes; in the workspace ${workspaceBuilt}; ours ${vendors.join(', ')}`);
    assert.ok(Math.abs(bytes - workspaceBuilt) <= workspaceBuilt * 0.02, 'not the bundle the workspace builds');
    for (const vendor of vendors) assert.ok(bytes <= vendor * 1.1, `${bytes} bytes, more than 110 % of ${vendor}`);

    const lint = spawnLogged(dir, 'npm', ['run', 'lint'], { env });
    assert.equal(lint.status, 0, lint.output);
    const types = spawnLogged(dir, 'npm', ['run', 'typecheck'], { env });
    assert.equal(types.status, 0, types.output);
    const tests = npmTest(dir, env);
    assert.equal(tests.status, 0, tests.output);
    const results = vitestReport(dir).testResults.flatMap((f) => f.assertionResults);
    assert.ok(results.length >= 6 && results.every((a) => a.status === 'passed'), JSON.stringify(results, null, 1));
    assert.ok(
      results.some((a) => a.title.startsWith("passes the scanner's rules")),
      'the scanner did not run',
    );

    // Before publishing: the checks refuse the author placeholder (what a run without --author writes).
    const manifest = join(dir, 'package.json');
    const original = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, original.replace('Jane Doe <jane@example.com>', 'Your Name <you@example.com>'));
    const placeholder = spawnLogged(
      dir,
      process.execPath,
      [join(modules, 'vitest', 'vitest.mjs'), 'run', '-t', 'names its own author'],
      { env, label: 'vitest (author placeholder)' },
    );
    writeFileSync(manifest, original);
    assert.notEqual(placeholder.status, 0, 'the package checks accepted the author placeholder');
    assert.match(placeholder.output, /replace the placeholders in package.json before publishing/);

    // What n8n installs: the tarball holds dist/ and the manifest, with no dependencies to install.
    const packed = spawnLogged(dir, 'npm', ['pack', '--pack-destination', join(home, 'pack')], { env });
    assert.equal(packed.status, 0, packed.output);
    const tarball = join(home, 'pack', 'someone-n8n-nodes-acme-0.0.0.tgz');
    const entries = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n');
    assert.deepEqual(
      entries.filter((e) => !/^package\/(package\.json|README\.md|LICENSE|dist\/.+)$/.test(e)),
      [],
      'the n8n package ships more than dist/',
    );
    const packedManifest = JSON.parse(
      spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout,
    );
    assert.deepEqual(packedManifest.dependencies ?? {}, {});
  },
);
