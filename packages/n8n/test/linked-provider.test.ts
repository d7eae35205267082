// A third party's node package links its provider from the folder beside it
// (`file:../imagegate-provider-acme`), and that folder has node_modules of its
// own: the build must bundle the node package's copy of what both have (one
// core, one zod), not a second one from the provider's folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import { nodePackageConfig } from '../build/node-package.mjs';

const root = mkdtempSync(join(tmpdir(), 'imagegate-linked-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A package `name` in `dir`/node_modules whose one export says which copy it is. */
function sharedCopy(dir: string, name: string, copy: string) {
  const at = join(dir, 'node_modules', name);
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  writeFileSync(join(at, 'index.js'), `exports.copy = ${JSON.stringify(copy)};\n`);
}

describe('a provider linked from beside the node package', () => {
  it("is bundled with the node package's copy of a package both have, its own where only it has one", async () => {
    const node = join(root, 'n8n-nodes-probe');
    const provider = join(root, 'imagegate-provider-probe');
    mkdirSync(join(provider, 'src'), { recursive: true });
    writeFileSync(
      join(provider, 'package.json'),
      JSON.stringify({
        name: 'probe-provider',
        version: '1.0.0',
        sideEffects: false,
        exports: {
          '.': { '@imagegate/source': './src/index.ts', default: './dist/index.js' },
          './package.json': './package.json',
        },
      }),
    );
    writeFileSync(
      join(provider, 'src', 'index.ts'),
      "export { copy as shared } from 'probe-shared';\nexport { copy as own } from 'probe-own';\n",
    );
    sharedCopy(provider, 'probe-shared', 'provider-folder-copy');
    sharedCopy(provider, 'probe-own', 'provider-own-copy');
    mkdirSync(join(node, 'src'), { recursive: true });
    writeFileSync(join(node, 'package.json'), JSON.stringify({ name: 'n8n-nodes-probe', private: true }));
    writeFileSync(join(node, 'src', 'probe.ts'), "export { shared, own } from 'probe-provider';\n");
    sharedCopy(node, 'probe-shared', 'node-package-copy');
    symlinkSync(provider, join(node, 'node_modules', 'probe-provider'), 'dir');

    await build({
      ...nodePackageConfig({ root: node, entries: { probe: 'src/probe.ts' } }),
      silent: true,
      onSuccess: undefined,
    });
    const bundle = readFileSync(join(node, 'dist', 'probe.js'), 'utf8');
    expect(bundle.includes('provider-folder-copy'), "the provider folder's copy was bundled").toBe(false);
    const probe = createRequire(join(node, 'package.json'))(join(node, 'dist', 'probe.js'));
    expect(probe).toMatchObject({ shared: 'node-package-copy', own: 'provider-own-copy' });
  });
});
