// n8n's queue mode, as users who outgrow one process run it: PostgreSQL,
// Redis, a main instance and two `n8n worker` processes on free loopback
// ports, this package installed for all of them, and a Webhook-triggered
// workflow whose ImageGate node makes ToAPIs images against the emulator.
// Checks images and bytes, one submit per item and that both workers took
// part, and prints the wall times with one worker and with two.
// `node packages/n8n-nodes/e2e/queue-mode.mjs` (after `pnpm build`); Redis and
// PostgreSQL come from Debian's packages, installed with apt-get when missing.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startToApisEmulator } from '@imagegate/provider-toapis/testing';
import { expectOk, freePort, installN8n, prepareUserFolder, run } from './n8n-harness.mjs';

const KEY = 'sk-queue-toapis-0123456789';
const ITEMS = 5;
const CALLS = Number(process.env.QUEUE_CALLS ?? 8);
const started = Date.now();
const log = (message) => console.log(`[queue ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const children = [];
const folders = [];

/** Redis and PostgreSQL from Debian's packages (CI runs as root). */
function ensureServers() {
  const pg = '/usr/lib/postgresql/15/bin';
  if (existsSync('/usr/bin/redis-server') && existsSync(pg)) return pg;
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null'], { stdio: 'inherit' });
  return pg;
}

function start(command, args, options, name) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = '';
  child.stdout.on('data', (d) => (child.output += d));
  child.stderr.on('data', (d) => (child.output += d));
  child.label = name;
  children.push(child);
  return child;
}

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pgBin = ensureServers();
const env = installN8n();
const { work, userFolder } = prepareUserFolder();
const emulator = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 2000 });
try {
  // PostgreSQL refuses to run as root: its data folder belongs to the postgres user.
  const data = mkdtempSync(join(tmpdir(), 'imagegate-pg-'));
  folders.push(data);
  chmodSync(data, 0o700);
  execFileSync('chown', ['postgres:postgres', data]);
  const pgPort = await freePort();
  execFileSync('runuser', ['-u', 'postgres', '--', join(pgBin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres'], { stdio: 'ignore' });
  start('runuser', ['-u', 'postgres', '--', join(pgBin, 'postgres'), '-D', data, '-p', String(pgPort), '-k', data, '-c', 'listen_addresses=127.0.0.1'], {}, 'postgres');
  await until('PostgreSQL', async () => execFileSync(join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)]).length >= 0);
  execFileSync(join(pgBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', 'n8n']);
  const redisPort = await freePort();
  start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, 'redis');
  log(`PostgreSQL on ${pgPort}, Redis on ${redisPort}`);

  const base = {
    ...env,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'imagegate-queue-mode-encryption-key',
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: '127.0.0.1',
    DB_POSTGRESDB_PORT: String(pgPort),
    DB_POSTGRESDB_USER: 'postgres',
    DB_POSTGRESDB_DATABASE: 'n8n',
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(redisPort),
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_DISABLED_MODULES: 'mcp-registry',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_LOG_LEVEL: 'info',
  };
  const cli = async (...args) => expectOk(run(env.N8N_NODE, [env.N8N_BIN, ...args], { cwd: work, env: { ...base, N8N_RUNNERS_BROKER_PORT: String(await freePort()) } }, 240_000), args[0]);

  writeFileSync(join(work, 'credentials.json'), JSON.stringify([{ id: 'igQueueToApis001', name: 'ToAPIs (emulator)', type: 'imageGateToApisApi', data: { apiKey: KEY, baseUrl: emulator.url } }]));
  writeFileSync(join(work, 'workflows.json'), JSON.stringify([workflow()]));
  await cli('import:credentials', `--input=${join(work, 'credentials.json')}`);
  await cli('import:workflow', `--input=${join(work, 'workflows.json')}`);
  await cli('publish:workflow', '--id=igQueueWebhook01');
  log('imported and published the workflow');

  const mainPort = await freePort();
  const main = start(env.N8N_NODE, [env.N8N_BIN, 'start'], { cwd: work, env: { ...base, N8N_PORT: String(mainPort), N8N_RUNNERS_BROKER_PORT: String(await freePort()) } }, 'main');
  await until('the main instance', async () => (await fetch(`http://127.0.0.1:${mainPort}/healthz`)).ok);
  log(`main instance on ${mainPort}`);
  // The webhook answers once the main instance has activated the workflow.
  // The webhook is live once a GET is told to use POST (before that it is not registered at all).
  await until('the workflow to be active', async () => (await (await fetch(`http://127.0.0.1:${mainPort}/webhook/imagegate-queue`)).text()).includes('make a POST request'));

  const startWorker = async (name) => {
    // Each worker runs half the calls at once, so a second worker has work to take.
    const worker = start(env.N8N_NODE, [env.N8N_BIN, 'worker', `--concurrency=${Math.ceil(CALLS / 2)}`], {
      cwd: work,
      env: { ...base, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
    }, name);
    await until(`${name} ready`, async () => /n8n worker is now ready/i.test(worker.output));
    return worker;
  };

  /** CALLS webhook calls of ITEMS prompts each, all at once; checks every image. */
  const round = async (label) => {
    const before = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations').length;
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, c) =>
        fetch(`http://127.0.0.1:${mainPort}/webhook/imagegate-queue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompts: Array.from({ length: ITEMS }, (_, i) => `${label} call ${c} image ${i}`) }) }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    const ms = Date.now() - t0;
    for (const answer of answers) {
      if (answer.status !== 200 || !Array.isArray(answer.body) || answer.body.length !== ITEMS) throw new Error(`a webhook call answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`);
      for (const item of answer.body) if (!(item.fileSize > 0) || item.mimeType !== 'image/png') throw new Error(`an item without its image: ${JSON.stringify(item).slice(0, 300)}`);
    }
    const submits = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations').length - before;
    if (submits !== CALLS * ITEMS) throw new Error(`${submits} submits for ${CALLS * ITEMS} items`);
    return ms;
  };

  const first = await startWorker('worker 1');
  const oneWorker = await round('one worker');
  log(`${CALLS} calls × ${ITEMS} images of 2 s tasks with one worker: ${oneWorker} ms`);
  const second = await startWorker('worker 2');
  const executionsBefore = [first, second].map((w) => (w.output.match(/Worker started execution/g) ?? []).length);
  const twoWorkers = await round('two workers');
  const took = [first, second].map((w, i) => (w.output.match(/Worker started execution/g) ?? []).length - executionsBefore[i]);
  log(`the same with two workers: ${twoWorkers} ms (executions per worker: ${took.join(', ')})`);
  if (took.some((n) => n === 0)) throw new Error(`a worker took no execution: ${took.join(', ')}`);
  console.log(`queue mode: passed; wall time ${oneWorker} ms with one worker, ${twoWorkers} ms with two (ratio ${(twoWorkers / oneWorker).toFixed(2)})`);
} catch (error) {
  console.error(`queue mode: FAILED: ${error.message}`);
  for (const child of children) console.error(`--- ${child.label}\n${child.output.slice(-3000)}`);
  process.exitCode = 1;
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await emulator.close();
  await new Promise((r) => setTimeout(r, 1000));
  if (!process.env.E2E_KEEP) for (const folder of [work, ...folders]) rmSync(folder, { recursive: true, force: true });
}

function workflow() {
  return {
    id: 'igQueueWebhook01',
    name: 'ImageGate in queue mode: images per webhook call',
    active: false,
    nodes: [
      { id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '6b1a8e61-1f5c-4c6e-9d7a-3f0f2f6c9a11', parameters: { httpMethod: 'POST', path: 'imagegate-queue', responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
      { id: 'split', name: 'Prompts', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: 'return $json.body.prompts.map((prompt) => ({ json: { prompt } }));' } },
      {
        id: 'gen',
        name: 'Generate',
        type: 'n8n-nodes-imagegate.imageGate',
        typeVersion: 1,
        position: [440, 0],
        parameters: { provider: 'toapis', resource: 'image', operation: 'generate', model: { __rl: true, mode: 'list', value: 'gemini-3-pro-image-preview' }, prompt: '={{ $json.prompt }}', size: '1:1', options: { parallel: ITEMS, pollIntervalSeconds: 0.5 } },
        credentials: { imageGateToApisApi: { id: 'igQueueToApis001', name: 'ToAPIs (emulator)' } },
      },
    ],
    connections: { Webhook: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] }, Prompts: { main: [[{ node: 'Generate', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}
