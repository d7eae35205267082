// A third party's provider and its n8n package, as `pnpm create-provider acme
// --n8n` writes them, built outside packages/ against this workspace (linked,
// as pnpm would), for the real-n8n run: its node, its credential and its
// example emulator.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { plan, write } from '../../../scripts/create-provider.mjs';
import { linkN8nPackage, linkProvider } from '../../../scripts/create-provider/link-workspace.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Generate, link and build `acme` and its n8n package; returns the n8n package's folder and the emulator's starter. */
export async function prepareThirdParty() {
  const root = mkdtempSync(join(tmpdir(), 'imagegate-third-party-'));
  const provider = join(root, 'provider-acme');
  const node = join(root, 'n8n-nodes-acme');
  write(plan({ id: 'acme', dir: provider, workspace: true, n8n: true }));
  linkProvider(provider);
  linkN8nPackage(node, provider, '@imagegate/provider-acme');
  for (const dir of [provider, node])
    execFileSync(process.execPath, [join(node, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
      cwd: dir,
      stdio: 'ignore',
    });
  const { startAcmeEmulator } = await import(pathToFileURL(join(provider, 'dist', 'testing', 'index.js')).href);
  return { root, node, startEmulator: startAcmeEmulator, workspace: join(here, '..', '..', '..') };
}

/** The workflow the third party's node runs: one image from its example model, waited for. */
export const THIRD_PARTY_WORKFLOW = {
  id: 'igThirdPartyAcme',
  name: 'Acme Image (a package create-provider --n8n wrote): a prediction, waited for',
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
      type: '@imagegate/n8n-nodes-acme.acmeImage',
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
