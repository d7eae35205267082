// Make a package generated outside packages/ resolve this workspace as pnpm
// would for a package inside it (symlinks, no install): the scaffold test and
// the real-n8n end-to-end run use it for the packages `create-provider` writes.
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = join(ROOT, 'packages', 'core');
const TESTING = join(ROOT, 'packages', 'testing');
const PROVIDER_TOOLS = ['vitest', 'nock', 'zod', 'tsup', 'typescript', '@types/node'];
const N8N_TOOLS = [
  'n8n-workflow',
  'tsup',
  'typescript',
  'eslint',
  'typescript-eslint',
  '@n8n/eslint-plugin-community-nodes',
  'vitest',
  '@types/node',
];

function link(target, path) {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'dir');
}

/**
 * A provider package: @imagegate/core and @imagegate/testing linked to their
 * folders, each tool linked to the store folder the test kit's own link points
 * at (so the kit and the package's tests share one nock and one vitest).
 */
export function linkProvider(dir) {
  link(CORE, join(dir, 'node_modules', '@imagegate', 'core'));
  link(TESTING, join(dir, 'node_modules', '@imagegate', 'testing'));
  for (const name of PROVIDER_TOOLS)
    link(realpathSync(join(TESTING, 'node_modules', name)), join(dir, 'node_modules', name));
}

/**
 * An n8n package on the node kit: the kit, core, its provider (at `providerDir`, as `providerName`) and n8n's tools.
 */
export function linkN8nPackage(dir, providerDir, providerName) {
  const modules = join(dir, 'node_modules');
  link(join(ROOT, 'packages', 'n8n'), join(modules, '@imagegate', 'n8n'));
  link(CORE, join(modules, '@imagegate', 'core'));
  link(providerDir, join(modules, providerName));
  const tools = join(ROOT, 'packages', 'n8n-nodes-gptproto', 'node_modules');
  for (const name of N8N_TOOLS) link(realpathSync(join(tools, name)), join(modules, name));
}
