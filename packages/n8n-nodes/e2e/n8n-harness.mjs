// What every real-n8n script here shares: n8n (N8N_VERSION, installed once per
// version, cached outside the workspace), a fresh user folder with this package
// installed the way n8n's Community Nodes screen does, and process helpers.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const packageDir = join(here, '..');
export const cache = process.env.IMAGEGATE_E2E_CACHE ?? join(process.env.HOME ?? tmpdir(), '.cache', 'imagegate-e2e');

/** The n8n releases the node packages support (`supported`) and the oldest and newest the e2e runs on. */
export const N8N_VERSIONS = JSON.parse(readFileSync(join(here, 'n8n-versions.json'), 'utf8'));

/**
 * Install n8n and its Node into the cache (a no-op when there); the environment to run it with.
 * `N8N_VERSION` picks n8n (see install-n8n.sh): an exact version, a range or tag, oldest or newest (the default).
 */
export function installN8n() {
  const out = execFileSync('bash', [join(here, 'install-n8n.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, IMAGEGATE_E2E_CACHE: cache },
  });
  return readEnvFile(out.trim().split('\n').pop());
}

/** Every n8n node package of the repository (its packages/* with n8n's community-node keyword). */
export function nodePackageDirs() {
  const packages = join(packageDir, '..');
  return readdirSync(packages)
    .map((name) => join(packages, name))
    .filter(
      (dir) =>
        existsSync(join(dir, 'package.json')) &&
        JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).keywords?.includes('n8n-community-node-package'),
    );
}

/**
 * A fresh work folder whose n8n user folder has these node packages (default:
 * this one) installed the Community Nodes way: each packed tarball unpacked
 * into .n8n/nodes/node_modules/<name>, all listed in .n8n/nodes/package.json.
 */
export function prepareUserFolder(dirs = [packageDir]) {
  const work = mkdtempSync(join(tmpdir(), 'imagegate-e2e-'));
  const userFolder = join(work, 'user');
  const nodesDir = join(userFolder, '.n8n', 'nodes');
  const installed = dirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const target = join(nodesDir, 'node_modules', pkg.name);
    mkdirSync(target, { recursive: true });
    const tarball = pack(dir, work);
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    delete manifest.devDependencies;
    delete manifest.peerDependencies;
    writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
    return { pkg, tarball };
  });
  writeFileSync(
    join(nodesDir, 'package.json'),
    JSON.stringify(
      {
        name: 'installed-nodes',
        private: true,
        dependencies: Object.fromEntries(installed.map(({ pkg }) => [pkg.name, pkg.version])),
      },
      null,
      2,
    ),
  );
  return { work, userFolder, installed };
}

/**
 * Pack a package as its publisher would: pnpm inside this workspace (it turns
 * workspace: ranges into versions), npm for one outside it (a generated
 * third-party package, whose devDependencies n8n never installs).
 */
function pack(dir, destination) {
  const insideWorkspace = dir.startsWith(join(packageDir, '..'));
  const out = execFileSync(insideWorkspace ? 'pnpm' : 'npm', ['pack', '--pack-destination', destination], {
    cwd: dir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  return out.startsWith('/') ? out : join(destination, out);
}

/**
 * What an n8n server (`n8n start`, `n8n worker`) needs here: loopback only, and nothing that calls out to the
 * internet.
 */
export const OFFLINE_SERVER_ENV = {
  N8N_LISTEN_ADDRESS: '127.0.0.1',
  N8N_DISABLED_MODULES: 'mcp-registry',
  N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  N8N_TEMPLATES_ENABLED: 'false',
  N8N_PERSONALIZATION_ENABLED: 'false',
};

/** The base environment of an n8n run in `userFolder` (its task broker on a free port). */
export async function n8nEnvironment(userFolder, extra = {}) {
  return {
    N8N_USER_FOLDER: userFolder,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_RUNNERS_BROKER_PORT: String(await freePort()),
    ...extra,
  };
}

/** Run a command asynchronously (emulators may live in this process), collecting its output. */
export function run(command, args, options, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Await a command and throw with its output when it failed. */
export async function expectOk(promise, what) {
  const out = await promise;
  if (out.code !== 0)
    throw new Error(`${what} failed (exit ${out.code}):\n${out.stdout.slice(-2000)}\n${out.stderr.slice(-2000)}`);
  return out;
}

function readEnvFile(file) {
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^export (\w+)="(.*)"$/.exec(line.trim());
    if (match) vars[match[1]] = match[2].replace(/\$PATH/, process.env.PATH ?? '');
  }
  const nodeBin = vars.PATH.split(':')[0];
  return { ...process.env, ...vars, N8N_NODE: join(nodeBin, 'node') };
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
