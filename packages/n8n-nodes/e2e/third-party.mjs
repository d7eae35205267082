// A third party's provider and its n8n package, as `pnpm create-provider acme
// --package @someone/imagegate-provider-acme --n8n` writes them outside this
// workspace, installed with plain npm against core, the test kit and the node
// kit packed from this checkout (their published shape), for the real-n8n
// run: its node, its credential and its example emulator.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { plan, write } from '../../../scripts/create-provider.mjs';
import { userEnv } from '../../../scripts/create-provider/npm-env.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const workspace = join(here, '..', '..', '..');
/** The third party's n8n package, as the workflow names its node. */
export const THIRD_PARTY_PACKAGE = '@someone/n8n-nodes-acme';

/** `pnpm pack` core, the test kit and the node kit into `dir` (pnpm turns workspace: ranges into versions). */
function packKits(dir) {
  mkdirSync(dir);
  for (const kit of ['core', 'testing', 'n8n'])
    execFileSync('pnpm', ['--dir', join(workspace, 'packages', kit), 'pack', '--pack-destination', dir], {
      stdio: 'ignore',
    });
  const tarball = (name) =>
    join(
      dir,
      readdirSync(dir).find((file) => file.startsWith(`imagegate-${name}-`)),
    );
  return { core: tarball('core'), testing: tarball('testing'), kit: tarball('n8n') };
}

/**
 * Generate `acme` and its n8n package outside the workspace, `npm install` and build both against the packed kits;
 * returns the n8n package's folder (n8n installs its `npm pack`) and the emulator's starter.
 */
export async function prepareThirdParty() {
  const root = mkdtempSync(join(tmpdir(), 'imagegate-third-party-'));
  const provider = join(root, 'imagegate-provider-acme');
  const node = join(root, 'n8n-nodes-acme');
  write(
    plan({
      id: 'acme',
      dir: provider,
      packageName: '@someone/imagegate-provider-acme',
      n8n: true,
      author: 'Jane Doe <jane@example.com>',
    }),
  );
  const { core, testing, kit } = packKits(join(root, 'pack'));
  const npm = (dir, ...args) => execFileSync('npm', args, { cwd: dir, env: userEnv(), stdio: 'ignore' });
  npm(provider, 'install', '--save-dev', core, testing, '--no-audit', '--no-fund');
  npm(provider, 'run', 'build');
  npm(node, 'install', '--save-dev', core, kit, '--no-audit', '--no-fund');
  npm(node, 'run', 'build');
  const { startAcmeEmulator } = await import(pathToFileURL(join(provider, 'dist', 'testing', 'index.js')).href);
  return { root, node, startEmulator: startAcmeEmulator, workspace };
}

/** The workflow the third party's node runs: one image from its example model, waited for. */
export const THIRD_PARTY_WORKFLOW = {
  id: 'igThirdPartyAcme',
  name: "Acme Image (a third party's package create-provider --n8n wrote): a prediction, waited for",
  active: false,
  nodes: [
    {
      id: 't',
      name: 'When clicking ‘Execute workflow’',
      type: 'n8n-nodes-base.manualTrigger',
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
    },
    {
      id: 'generate',
      name: 'Generate',
      type: `${THIRD_PARTY_PACKAGE}.acmeImage`,
      typeVersion: 1,
      position: [220, 0],
      parameters: {
        resource: 'image',
        operation: 'generate',
        model: { __rl: true, mode: 'list', value: 'acme-image-1' },
        prompt: 'A lighthouse made by a third party',
        options: { pollIntervalSeconds: 0.5 },
      },
      credentials: { acmeImageApi: { id: 'igThirdPartyAcme', name: 'Acme Image (emulator)' } },
    },
  ],
  connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'Generate', type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1' },
};
