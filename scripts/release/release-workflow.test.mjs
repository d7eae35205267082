// The release as n8n requires it: a GitHub Actions workflow that versions with
// changesets and publishes every public package from the workflow run with
// npm provenance, after the same CI as a landing. Run by `pnpm test:release`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const packages = readdirSync(join(ROOT, 'packages'))
  .filter((dir) => existsSync(join(ROOT, 'packages', dir, 'package.json')))
  .map((dir) => JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')));

/** The lines of a top-level YAML block (`permissions:` …), without comments. */
function block(name) {
  const lines = workflow.split('\n');
  const start = lines.findIndex((l) => l === `${name}:`);
  assert.ok(start >= 0, `release.yml has no top-level "${name}:"`);
  const body = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    body.push(line.replace(/\s+#.*$/, ''));
  }
  return body.join('\n');
}

const ci = readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');

test(
  'ci.yml checks every pull request and push: set-up, format, lint, ' +
    'dependency rules, types, tests, the real-n8n e2e on the oldest and newest n8n; queue mode on pushes',
  () => {
    assert.match(ci, /^on:\s*\n\s+pull_request:\s*\n\s+push:\s*\n\s+branches: \[main\]/m);
    for (const step of [
      'run: pnpm bootstrap',
      'run: pnpm format:check',
      'run: pnpm lint',
      'run: pnpm deps:check',
      'run: pnpm typecheck',
      'run: pnpm test\n',
      'run: pnpm test:e2e',
      'run: pnpm test:queue',
    ]) {
      assert.ok(ci.includes(step), `ci.yml lacks "${step.trim()}"`);
    }
    assert.match(ci, /queue:\s*\n\s+if: github\.event_name == 'push'/, 'queue mode runs on pushes (to main)');
    assert.match(ci, /matrix:\s*\n\s+n8n: \[oldest, newest\]/, 'the e2e runs on the oldest and the newest n8n');
    assert.match(ci, /N8N_VERSION: \$\{\{ matrix\.n8n \}\}/, 'each e2e job installs its n8n');
    assert.match(ci, /run: pnpm test:queue\s*\n\s+env:\s*\n\s+N8N_VERSION: newest/, 'queue mode on the newest n8n');
    assert.match(ci, /^permissions:\s*\n\s+contents: read$/m, 'CI only reads');
  },
);

test('release.yml runs only after CI passed on a push to main, and may mint an OIDC token', () => {
  assert.match(
    block('on'),
    /workflow_run:\s*\n\s+workflows: \[CI\]\s*\n\s+types: \[completed\]\s*\n\s+branches: \[main\]/,
  );
  assert.match(
    workflow,
    /if: github\.event\.workflow_run\.conclusion == 'success' && github\.event\.workflow_run\.event == 'push'/,
  );
  assert.match(workflow, /ref: \$\{\{ github\.event\.workflow_run\.head_sha \}\}/, 'it releases the commit CI checked');
  assert.match(block('permissions'), /^\s+id-token: write$/m);
  assert.match(block('permissions'), /^\s+contents: write$/m);
});

test(
  'release.yml versions with changesets and publishes with ' + 'trusted publishing and provenance, no stored npm token',
  () => {
    const jobs = block('jobs');
    assert.ok(jobs.indexOf('uses: changesets/action@') > 0);
    assert.match(jobs, /version: pnpm changeset version/);
    assert.match(jobs, /publish: pnpm release/);
    assert.match(jobs, /NPM_CONFIG_PROVENANCE: 'true'/);
    assert.match(jobs, /registry-url: https:\/\/registry\.npmjs\.org/);
    assert.match(jobs, /npm install -g npm@11/, 'trusted publishing needs npm 11.5 or later');
    assert.doesNotMatch(workflow, /NPM_TOKEN|NODE_AUTH_TOKEN/, 'no long-lived npm token');
    assert.match(root.scripts.release, /changeset publish$/);
    assert.match(root.scripts.release, /\bbuild\b.*\blint\b/, 'pnpm release builds and lints before it publishes');
  },
);

test('every public package publishes publicly with provenance; node packages ship no runtime dependencies', () => {
  for (const pkg of packages.filter((p) => !p.private)) {
    assert.equal(pkg.publishConfig?.provenance, true, `${pkg.name}: publishConfig.provenance`);
    assert.equal(pkg.publishConfig?.access, 'public', `${pkg.name}: publishConfig.access`);
    assert.ok(pkg.repository?.directory, `${pkg.name}: repository.directory (npm provenance checks the source)`);
    if (pkg.keywords?.includes('n8n-community-node-package')) {
      assert.deepEqual(pkg.dependencies ?? {}, {}, `${pkg.name}: runtime dependencies`);
      for (const script of ['build', 'lint', 'lint:fix', 'prepublishOnly'])
        assert.ok(pkg.scripts?.[script], `${pkg.name}: no "${script}" script (n8n-nodes-starter's set)`);
    }
  }
});
