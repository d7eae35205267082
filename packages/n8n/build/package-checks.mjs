// `@imagegate/n8n/checks`: what n8n's community-package scanner and its
// verification rules check, run against a built node package as a test
// suite. The runner is passed in (vitest's describe/it/expect), so any node
// package on the kit, ours or a third party's, runs the same checks.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { filesUnder } from './dist-files.mjs';

/**
 * What `create-provider` writes while nobody has named a package's author or
 * repository: a package carrying them is not ready to publish.
 */
const PLACEHOLDERS = /Your Name|you@example\.com|your-github-user/;

/** The scanner's own code rules, on the shipped JavaScript. */
const SCANNER_RULES = ['no-restricted-globals', 'no-restricted-imports'];

/**
 * What n8n's community-package scanner reports on these JavaScript files
 * (its `no-restricted-globals` and `no-restricted-imports` rules), as
 * `path: message` lines relative to `root`; empty when they pass.
 */
export async function scannerFindings(root, jsFiles) {
  const { ESLint } = await import('eslint');
  const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js'],
        plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin },
        languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
        rules: Object.fromEntries(SCANNER_RULES.map((rule) => [`@n8n/community-nodes/${rule}`, 'error'])),
      },
    ],
  });
  return (await eslint.lintFiles(jsFiles)).flatMap((r) =>
    r.messages.map((m) => `${r.filePath.slice(root.length + 1)}: ${m.message}`),
  );
}

/**
 * Check a built n8n node package: its manifest (one service's package, no
 * runtime dependencies, only dist/ shipped), its dist/ against n8n's
 * restricted globals and imports, and every node and credential it lists,
 * loaded as n8n loads them.
 *
 * @param root - the package directory, built
 * @param runner - `{ describe, it, expect }` from the test framework
 */
export function describeNodePackage(root, { describe, it, expect }) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const load = createRequire(join(root, 'package.json'));

  describe(`${pkg.name} as n8n installs and verifies it`, () => {
    it('is a community node package with no runtime dependencies that ships only dist/', () => {
      expect(pkg.keywords).toContain('n8n-community-node-package');
      expect(pkg.dependencies ?? {}).toEqual({});
      expect(pkg.files).toEqual(['dist']);
      expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
      expect(pkg.n8n.nodes.length).toBeGreaterThan(0);
      expect(Object.keys(pkg.peerDependencies ?? {})).toEqual(['n8n-workflow']);
    });

    it('names its own author and repository (no placeholder left to fill in)', () => {
      const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
      expect(author, 'package.json has no "author"').toBeTruthy();
      const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
      expect(repository, 'package.json has no "repository" (npm provenance checks it)').toBeTruthy();
      const placeholders = [JSON.stringify(pkg.author), repository, pkg.homepage ?? ''].filter((v) =>
        PLACEHOLDERS.test(v),
      );
      expect(placeholders, 'replace the placeholders in package.json before publishing').toEqual([]);
    });

    it("passes the scanner's rules on dist/: no restricted globals, no imports but n8n-workflow", async () => {
      const shipped = filesUnder(join(root, 'dist')).filter((f) => f.endsWith('.js'));
      expect(shipped.length).toBeGreaterThan(0);
      expect(await scannerFindings(root, shipped)).toEqual([]);
    });

    it('loads every credential it lists, each with fields, authentication, a test request and an icon', () => {
      for (const file of pkg.n8n.credentials ?? []) {
        const [className, Credential] = Object.entries(load(join(root, file)))[0];
        const credential = new Credential();
        expect(file).toContain(`${className}.credentials.js`);
        expect(credential.name).toBe(className.charAt(0).toLowerCase() + className.slice(1));
        expect(credential.properties.map((p) => p.name)).toContain('apiKey');
        expect(credential.authenticate).toBeTruthy();
        expect(credential.test.request.url).toMatch(/^\//);
        expect(credential.icon).toBeTruthy();
      }
    });

    it('loads every node it lists, usable as a tool, with its icons and codex beside it', () => {
      for (const file of pkg.n8n.nodes) {
        const [className, Node] = Object.entries(load(join(root, file)))[0];
        const node = new Node();
        expect(file).toContain(`${className}.node.js`);
        expect(node.description.usableAsTool).toBe(true);
        const credentials = node.description.credentials.map((c) => c.name);
        const listed = (pkg.n8n.credentials ?? [])
          .map((f) => Object.values(load(join(root, f)))[0])
          .map((C) => new C().name);
        expect(credentials.every((name) => listed.includes(name))).toBe(true);
        const dir = join(root, file, '..');
        for (const icon of [node.description.icon.light, node.description.icon.dark])
          expect(statSync(join(dir, icon.replace('file:', ''))).size).toBeGreaterThan(100);
        const codex = JSON.parse(readFileSync(join(dir, `${className}.node.json`), 'utf8'));
        expect(codex.node).toBe(`${pkg.name}.${node.description.name}`);
      }
    });
  });
}
