// n8n's queue mode as users who outgrow one process run it, on free loopback
// ports: PostgreSQL 15 and Redis from Debian's packages (installed with
// apt-get when missing), a main instance and `n8n worker` processes, with this
// package installed for all of them. Processes can be killed and restarted,
// so tests can crash a worker or restart the whole instance mid-execution.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOk, freePort, installN8n, prepareUserFolder, run } from './n8n-harness.mjs';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Polls `check` every 250 ms until it holds (errors count as not yet). */
export async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Redis and PostgreSQL from Debian's packages (CI runs as root). */
function ensureServers() {
  if (existsSync('/usr/bin/redis-server') && existsSync(PG_BIN)) return;
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null'], { stdio: 'inherit' });
}

/**
 * Starts PostgreSQL and Redis and imports `credentials` and `workflows`
 * (published: their webhooks live). The main instance and the workers are
 * started by the caller (`startMain`, `startWorker`).
 */
export async function startQueueCluster({ credentials, workflows, log }) {
  ensureServers();
  const env = installN8n();
  const { work, userFolder } = prepareUserFolder();
  const children = [];
  const folders = [work];

  /** A process in its own group, so a kill also reaches the task runner it starts. */
  const start = (command, args, options, label) => {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    Object.assign(child, { label, output: '', lines: [] });
    child.exited = new Promise((resolve) => child.on('exit', resolve));
    // Each line with the time it arrived, to time the worker's jobs from its own log.
    let partial = '';
    const take = (d) => {
      child.output += d;
      const lines = (partial + d).split('\n');
      partial = lines.pop();
      for (const text of lines) child.lines.push({ at: Date.now(), text });
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    children.push(child);
    return child;
  };
  const signal = (child, name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };

  // PostgreSQL refuses to run as root: its data folder belongs to the postgres user.
  const data = mkdtempSync(join(tmpdir(), 'imagegate-pg-'));
  folders.push(data);
  chmodSync(data, 0o700);
  execFileSync('chown', ['postgres:postgres', data]);
  const pgPort = await freePort();
  execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres'], { stdio: 'ignore' });
  start('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'postgres'), '-D', data, '-p', String(pgPort), '-k', data, '-c', 'listen_addresses=127.0.0.1'], {}, 'postgres');
  await until('PostgreSQL', async () => execFileSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)]).length >= 0);
  execFileSync(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', 'n8n']);
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
  writeFileSync(join(work, 'credentials.json'), JSON.stringify(credentials));
  writeFileSync(join(work, 'workflows.json'), JSON.stringify(workflows));
  await cli('import:credentials', `--input=${join(work, 'credentials.json')}`);
  await cli('import:workflow', `--input=${join(work, 'workflows.json')}`);
  // One CLI per workflow (n8n 2.40 publishes one at a time), run side by side.
  await Promise.all(workflows.map((w) => cli('publish:workflow', `--id=${w.id}`)));
  log(`imported ${credentials.length} credentials and ${workflows.length} workflows`);

  const mainPort = await freePort();
  const url = `http://127.0.0.1:${mainPort}`;
  const workers = [];

  const cluster = {
    url,
    workers,
    main: undefined,
    /** Starts (or restarts) the main instance on the same port; resolves once it serves the first published webhook. */
    async startMain(readyPath) {
      cluster.main = start(env.N8N_NODE, [env.N8N_BIN, 'start'], { cwd: work, env: { ...base, N8N_PORT: String(mainPort), N8N_RUNNERS_BROKER_PORT: String(await freePort()) } }, 'main');
      await until('the main instance', async () => (await fetch(`${url}/healthz`)).ok);
      // A webhook is live once a GET is told to use POST (before that it is not registered at all).
      await until('the workflows to be active', async () => (await (await fetch(`${url}/webhook/${readyPath}`)).text()).includes('make a POST request'));
      return cluster.main;
    },
    /** Starts a worker taking `concurrency` executions at once; resolves once it is ready. */
    async startWorker(label, concurrency) {
      const worker = start(env.N8N_NODE, [env.N8N_BIN, 'worker', `--concurrency=${concurrency}`], {
        cwd: work,
        env: { ...base, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
      }, label);
      await until(`${label} ready`, async () => /n8n worker is now ready/i.test(worker.output));
      workers.push(worker);
      return worker;
    },
    /** SIGKILL: the process dies at once, as on an out-of-memory kill or a lost machine. */
    async kill(child) {
      signal(child, 'SIGKILL');
      await child.exited;
      workers.splice(workers.indexOf(child), 1);
    },
    /** SIGTERM, as a deployment stops a process; SIGKILL if it lingers. */
    async stop(child) {
      signal(child, 'SIGTERM');
      const timer = setTimeout(() => signal(child, 'SIGKILL'), 45_000);
      await child.exited;
      clearTimeout(timer);
      if (workers.includes(child)) workers.splice(workers.indexOf(child), 1);
    },
    /**
     * How long workers held a slot for an execution: the time between each
     * "Worker started execution" and "Worker finished execution" line of
     * theirs (one job per start or resume), summed, with the number of jobs.
     */
    slotTime(executionId) {
      let ms = 0;
      let jobs = 0;
      for (const worker of children) {
        let since;
        for (const { at, text } of worker.lines) {
          if (text.includes(`Worker started execution ${executionId} `)) since = at;
          if (text.includes(`Worker finished execution ${executionId} `) && since !== undefined) {
            ms += at - since;
            jobs++;
            since = undefined;
          }
        }
      }
      return { ms, jobs };
    },
    /** One SQL query against n8n's database; rows as arrays of strings. */
    sql(query) {
      const out = execFileSync(join(PG_BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', 'n8n', '-AtF', '\t', '-c', query], { encoding: 'utf8' });
      return out.split('\n').filter(Boolean).map((line) => line.split('\t'));
    },
    /** The executions of a workflow, oldest first, with seconds from start to end once ended. */
    executions(workflowId) {
      const rows = cluster.sql(`select id, status, extract(epoch from "stoppedAt" - "startedAt") from execution_entity where "workflowId" = '${workflowId}' order by id`);
      return rows.map(([id, status, seconds]) => ({ id, status, seconds: seconds ? Number(seconds) : undefined }));
    },
    /** POSTs JSON to a production webhook; the answer's status and parsed body. */
    async post(path, body) {
      const response = await fetch(`${url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: response.status, body: json };
    },
    /** Every process's last output, for a failure report. */
    report() {
      return children.map((child) => `--- ${child.label}\n${child.output.slice(-3000)}`).join('\n');
    },
    async close() {
      for (const child of [...children].reverse()) signal(child, 'SIGTERM');
      await Promise.race([Promise.all(children.map((c) => c.exited)), new Promise((r) => setTimeout(r, 10_000))]);
      for (const child of children) signal(child, 'SIGKILL');
      if (!process.env.E2E_KEEP) for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
  return cluster;
}
