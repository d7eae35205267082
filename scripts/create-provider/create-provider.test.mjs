// The scaffold, end to end: generate a provider into a temp folder, resolve
// @imagegate/core and the tools from this workspace, run the generated tests
// (green), then take required scenarios out (red). Also: the guide's code
// blocks are the files the scaffold writes. Run by `pnpm test:scaffold`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { plan } from '../create-provider.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'create-provider.mjs');
const CORE = join(ROOT, 'packages', 'core');
const TOOLS = ['vitest', 'nock', 'zod', 'tsup', 'typescript', '@types/node'];

let tmp;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'imagegate-scaffold-'));
  assert.ok(existsSync(join(CORE, 'dist', 'testing', 'index.js')), 'packages/core/dist is missing: run `pnpm build` first');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the scaffold as a user would; returns { status, stdout, stderr }. */
function scaffold(...args) {
  const { INIT_CWD: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: tmp, encoding: 'utf8', env });
}

/** Make @imagegate/core (this workspace's) and the test tools resolvable from `dir`. */
function linkWorkspace(dir) {
  mkdirSync(join(dir, 'node_modules', '@imagegate'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(CORE, join(dir, 'node_modules', '@imagegate', 'core'), 'dir');
  for (const name of TOOLS) symlinkSync(realpathSync(join(CORE, 'node_modules', name)), join(dir, 'node_modules', name), 'dir');
}

function run(dir, tool, args) {
  const bin = { vitest: 'vitest/vitest.mjs', tsc: 'typescript/bin/tsc' }[tool];
  const started = Date.now();
  const out = spawnSync(process.execPath, [join(dir, 'node_modules', bin), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
    timeout: 60_000,
  });
  console.log(`  ${tool} ${args.join(' ')} in ${dir.slice(tmp.length + 1) || '.'}: exit ${out.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...out, output: `${out.stdout}\n${out.stderr}` };
}

const vitestReport = (dir) => JSON.parse(readFileSync(join(dir, '.vitest-results.json'), 'utf8'));

/** The scenario names core's contract knows, read from its source. */
function scenarioNames() {
  const source = readFileSync(join(CORE, 'src', 'testing', 'contract-types.ts'), 'utf8');
  const list = /SCENARIO_NAMES = \[([^\]]+)\]/.exec(source)[1];
  return [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]);
}

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
  assert.ok(!existsSync(join(tmp, 'bad')) && !existsSync(join(tmp, 'x')), 'a refused run wrote files');
  assert.equal(readFileSync(join(tmp, 'taken', 'keep.txt'), 'utf8'), 'mine');
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
  assert.match(files.get(join(target, 'src', 'index.ts')), /export \{ createScaffoldCheck, SCAFFOLD_CHECK_BASE_URL/);
  assert.ok(!existsSync(target), 'plan() must not write');
});

test('the generated package.json and configs match provider-toapis', () => {
  const { target, files } = plan({ id: 'acme', dir: join(tmp, 'never-written') });
  const generated = JSON.parse(files.get(join(target, 'package.json')));
  const toapis = JSON.parse(readFileSync(join(ROOT, 'packages', 'provider-toapis', 'package.json'), 'utf8'));
  for (const field of ['type', 'sideEffects', 'main', 'module', 'types', 'files', 'engines', 'publishConfig', 'license']) {
    assert.deepEqual(generated[field], toapis[field], `package.json "${field}" differs from provider-toapis'`);
  }
  // provider-toapis may have more (a ./testing entry, a benchmark): what the generated package has must match it.
  for (const field of ['exports', 'scripts', 'dependencies', 'devDependencies']) {
    for (const [key, value] of Object.entries(generated[field])) {
      assert.deepEqual(value, toapis[field]?.[key], `package.json ${field}["${key}"] differs from provider-toapis'`);
    }
  }
  // Entry points aside (provider-toapis may build more), the configs are provider-toapis'.
  const entries = (text) => text.replace(/^ {2}entry: \{.*\},$/m, '  entry: …,');
  for (const file of ['tsup.config.ts', 'vitest.config.ts', 'LICENSE']) {
    const theirs = readFileSync(join(ROOT, 'packages', 'provider-toapis', file), 'utf8');
    assert.equal(entries(files.get(join(target, file))), entries(theirs), `${file} differs from provider-toapis'`);
  }
  const standalone = plan({ id: 'acme', dir: join(tmp, 'never-written'), packageName: '@someone/imagegate-provider-acme' });
  const alone = JSON.parse(standalone.files.get(join(target, 'package.json')));
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(alone.devDependencies['@changesets/cli'], root.devDependencies['@changesets/cli']);
  for (const [name, version] of Object.entries(generated.devDependencies)) assert.equal(alone.devDependencies[name], version, `standalone devDependency ${name}`);
  assert.deepEqual(alone.peerDependencies['@imagegate/core'], alone.devDependencies['@imagegate/core']);
  assert.equal(alone.dependencies['@imagegate/core'], undefined);
});

test('a generated provider passes its contract tests and typechecks', () => {
  const dir = join(tmp, 'acme');
  const r = scaffold('acme', '--dir', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!existsSync(join(ROOT, '.changeset', 'provider-acme-first.md')), 'a --dir outside packages/ must not add a changeset to the repo');
  linkWorkspace(dir);

  const tests = run(dir, 'vitest', ['run']);
  assert.equal(tests.status, 0, tests.output);
  const report = vitestReport(dir);
  assert.equal(report.numFailedTests, 0);
  assert.ok(report.numPassedTests >= 20, `only ${report.numPassedTests} tests passed`);
  const titles = report.testResults.flatMap((f) => f.assertionResults.map((a) => `${a.status} ${a.title}`));
  const expected = scenarioNames().filter((n) => n !== 'edit' && !n.startsWith('async'));
  for (const name of expected) assert.ok(titles.some((t) => t.startsWith(`passed ${name}: `)), `no passing check for scenario ${name}`);
  assert.ok(titles.some((t) => t.startsWith('skipped edit: ')), 'edit should be skipped: no model declares it');

  const types = run(dir, 'tsc', ['--noEmit']);
  assert.equal(types.status, 0, types.output);
});

test('removing a required scenario from the generated contract test fails the run', () => {
  const dir = join(tmp, 'acme');
  const file = join(dir, 'test', 'acme-contract.test.ts');
  const original = readFileSync(file, 'utf8');
  const required = scenarioNames().filter((n) => n !== 'edit' && !n.startsWith('async'));
  assert.deepEqual(scenariosIn(original).sort(), [...required].sort(), 'the template implements exactly the required scenarios');

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
  for (const name of required) writeFileSync(join(copy, 'test', `without-${name}.test.ts`), withoutScenario(original, name));
  const all = run(copy, 'vitest', ['run']);
  assert.notEqual(all.status, 0);
  for (const name of required) {
    const result = vitestReport(copy).testResults.find((f) => f.name.endsWith(`without-${name}.test.ts`));
    const failures = result.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.title}: ${a.failureMessages.join(' ')}`);
    assert.ok(failures.some((f) => f.includes(`missing scenarios: ${name} (`)), `removing ${name} did not fail the "every scenario" check:\n${failures.join('\n')}`);
    assert.ok(failures.some((f) => f.startsWith(`${name}: `)), `removing ${name} did not fail its own check`);
  }
});

test("the guide's code blocks are the files the scaffold writes for a standalone package, which passes its tests", () => {
  const dir = join(tmp, 'imagegate-provider-acme');
  const r = scaffold('acme', '--dir', dir, '--package', '@someone/imagegate-provider-acme');
  assert.equal(r.status, 0, r.stderr);
  for (const file of ['.changeset/config.json', '.changeset/provider-acme-first.md', '.github/workflows/release.yml', '.gitignore']) {
    assert.ok(existsSync(join(dir, file)), `standalone package lacks ${file}`);
  }

  const guide = readFileSync(join(ROOT, 'docs', 'writing-a-provider.md'), 'utf8');
  const lines = guide.split('\n');
  // The core version range moves with releases; the rest must match byte for byte.
  const normalise = (text) => text.replace(/("@imagegate\/core": )"\^\d+\.\d+\.\d+"/g, '$1"<range>"');
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
      assert.ok(marker, `line ${i + 1}: a ${open[1] || 'plain'} code block without "<!-- scaffold: <file> -->" before it (every file shown must be generated)`);
      const path = join(dir, marker[1]);
      assert.ok(existsSync(path), `line ${i + 1}: the scaffold writes no ${marker[1]}`);
      assert.equal(normalise(body), normalise(readFileSync(path, 'utf8')), `line ${i + 1}: the guide's ${marker[1]} differs from the scaffold's`);
      checked++;
    }
    i = end;
  }
  assert.ok(checked >= 10, `only ${checked} file blocks in the guide`);

  linkWorkspace(dir);
  const tests = run(dir, 'vitest', ['run']);
  assert.equal(tests.status, 0, tests.output);
  const types = run(dir, 'tsc', ['--noEmit']);
  assert.equal(types.status, 0, types.output);
});
