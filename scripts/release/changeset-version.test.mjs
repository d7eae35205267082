// `pnpm changeset version` from a clean copy of the repository (no node_modules
// of its own, no dist, no .git, the network blocked): every package gets a
// new version and a CHANGELOG entry, and the changesets are consumed.
// Run by `pnpm test:release`; never touches the real checkout's changesets.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What a clone has that this checkout may not, and the reverse (the .gitignore's entries, plus .git). */
const NOT_IN_A_CLONE = new Set([
  'node_modules',
  'dist',
  '.turbo',
  '.git',
  '.vitest-results.json',
  'out',
  '.e2e-cache',
  'coverage',
]);

let copy;
before(() => {
  copy = mkdtempSync(join(tmpdir(), 'imagegate-changeset-'));
  cpSync(ROOT, copy, { recursive: true, filter: (src) => !NOT_IN_A_CLONE.has(basename(src)) && !src.endsWith('.tgz') });
  // Only the root's tools, as `pnpm install` would link them; packages get none.
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
after(() => rmSync(copy, { recursive: true, force: true }));

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const packageDirs = () =>
  readdirSync(join(copy, 'packages')).filter((d) => existsSync(join(copy, 'packages', d, 'package.json')));

test('pnpm changeset version bumps every package and writes their changelogs, offline', () => {
  const dirs = packageDirs();
  const before = Object.fromEntries(dirs.map((d) => [d, readJson(join(copy, 'packages', d, 'package.json'))]));
  const names = Object.values(before).map((p) => p.name);
  for (const name of [
    '@imagegate/core',
    '@imagegate/testing',
    '@imagegate/provider-gptproto',
    '@imagegate/provider-toapis',
    'n8n-nodes-imagegate',
  ]) {
    assert.ok(names.includes(name), `${name} is not in packages/`);
  }
  // One more changeset naming every package, so the check holds whatever is pending.
  const note = `Release check ${Date.now()}: every package can be versioned.`;
  writeFileSync(
    join(copy, '.changeset', 'release-check.md'),
    `---\n${names.map((n) => `'${n}': patch`).join('\n')}\n---\n\n${note}\n`,
  );
  const pending = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');

  // Any TCP connection from a Node process fails: the command must need no network.
  const blocker = join(copy, 'block-network.cjs');
  writeFileSync(
    blocker,
    `const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = args[0];
  if (typeof target === 'string' || (target && typeof target === 'object' && target.path)) ` +
      `return connect.apply(this, args);
  throw new Error('the release check blocks the network: ' ` +
      `+ JSON.stringify(target && { host: target.host, port: target.port }));
};
`,
  );
  const started = Date.now();
  const run = spawnSync('pnpm', ['changeset', 'version'], {
    cwd: copy,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${blocker}`,
      npm_config_update_notifier: 'false',
      npm_config_offline: 'true',
    },
    timeout: 60_000,
  });
  console.log(
    `  pnpm changeset version: exit ${run.status} ` +
      `after ${((Date.now() - started) / 1000).toFixed(1)} s (${pending.length} changesets)`,
  );
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);

  const left = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.deepEqual(left, [], 'changesets were left unconsumed');
  // Core and the test kit are released in lockstep (a changesets fixed group).
  const versionOf = (name) =>
    readJson(
      join(
        copy,
        'packages',
        dirs.find((d) => before[d].name === name),
        'package.json',
      ),
    ).version;
  assert.equal(
    versionOf('@imagegate/testing'),
    versionOf('@imagegate/core'),
    'the test kit and core have different versions',
  );
  for (const dir of dirs) {
    const pkg = readJson(join(copy, 'packages', dir, 'package.json'));
    const old = before[dir];
    assert.notEqual(pkg.version, old.version, `${pkg.name} kept version ${old.version}`);
    assert.ok(newer(pkg.version, old.version), `${pkg.name}: ${old.version} → ${pkg.version} is not a bump`);
    // Pending changesets ask for minor and patch bumps: nothing may
    // jump to 1.0.0 on its own (peer dependents get a major bump).
    assert.equal(
      pkg.version.split('.')[0],
      old.version.split('.')[0],
      `${pkg.name}: ${old.version} → ${pkg.version} is a major bump no changeset asked for`,
    );
    const changelog = readFileSync(join(copy, 'packages', dir, 'CHANGELOG.md'), 'utf8');
    assert.ok(changelog.startsWith(`# ${pkg.name}\n`), `${pkg.name}: CHANGELOG.md has no title`);
    assert.ok(
      changelog.includes(`## ${pkg.version}\n`),
      `${pkg.name}: CHANGELOG.md has no "## ${pkg.version}" section`,
    );
    assert.ok(changelog.includes(note), `${pkg.name}: CHANGELOG.md lacks the release-check entry`);
    // Workspace ranges stay workspace ranges; pnpm pack turns them into versions.
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      for (const [name, range] of Object.entries(old[field] ?? {})) {
        if (String(range).startsWith('workspace:'))
          assert.equal(pkg[field][name], range, `${pkg.name}: ${field}.${name} changed`);
      }
    }
  }
});

function newer(a, b) {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] > pb[i];
  return false;
}
