// n8n's queue mode as users who outgrow one process run it, on free loopback
// ports: PostgreSQL 15 and Redis from Debian's packages (installed with
// apt-get when missing), a main instance and `n8n worker` processes, with this
// package installed for all of them. Processes can be killed and restarted,
// so tests can crash a worker or restart the whole instance mid-execution.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expectOk,
  freePort as freeLocalPort,
  installN8n,
  n8nEnvironment,
  OFFLINE_SERVER_ENV,
  prepareUserFolder,
  run,
} from './n8n-harness.mjs';

const PG_ROOT = '/usr/lib/postgresql';

/** Each process its own host name, as each container has in a deployment (see own-hostname.cjs). */
const HOSTNAME_PRELOAD = fileURLToPath(new URL('./own-hostname.cjs', import.meta.url));
const ownHostname = (label) => ({
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${HOSTNAME_PRELOAD}`.trim(),
  E2E_HOSTNAME: `vm-${label.replace(/\W+/g, '-')}`,
});

/** Polls `check` every 250 ms until it holds (errors count as not yet); fails at once if `child` exits meanwhile. */
// Ports handed out once are never handed out again: a process that is down (the main instance
// between a crash and its restart) must find its port free when it starts again.
const handedOut = new Set();
async function freePort() {
  for (;;) {
    const port = await freeLocalPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

export async function until(what, check, timeoutMs = 120_000, child = undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${child.label} exited (${child.exitCode ?? child.signalCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The newest installed PostgreSQL's bin folder (Debian keeps each major version apart). */
const postgresBin = () =>
  existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(PG_ROOT, v, 'bin'))
        .find((bin) => existsSync(join(bin, 'initdb')))
    : undefined;

/** Redis and PostgreSQL from Debian's packages (CI runs as root); returns PostgreSQL's bin folder. */
function ensureServers() {
  if (!existsSync('/usr/bin/redis-server') || !postgresBin()) {
    execFileSync(
      'bash',
      [
        '-c',
        'apt-get update -qq && ' +
          'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null',
      ],
      { stdio: 'inherit' },
    );
  }
  return postgresBin();
}

/**
 * Starts PostgreSQL and Redis and imports `credentials` and `workflows`
 * (published: their webhooks live). The main instance and the workers are
 * started by the caller (`startMain`, `startWorker`).
 */
export async function startQueueCluster({ credentials, workflows, log }) {
  const processes = childProcesses();
  const { close: stopProcesses } = processes;
  const folders = [];
  const close = async () => {
    await stopProcesses();
    if (!process.env.E2E_KEEP) for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  // Every process runs in its own group, out of reach of a Ctrl-C: stop them all if this one is stopped.
  const onStop = () => close().finally(() => process.exit(130));
  process.once('SIGINT', onStop);
  process.once('SIGTERM', onStop);
  try {
    const cluster = await boot({ credentials, workflows, log, processes, folders });
    return Object.assign(cluster, { close });
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Child processes, each in its own process group (so a kill also reaches the
 * task runner n8n starts), their output kept whole and line by line with
 * the time each line arrived.
 */
function childProcesses() {
  const children = [];
  const alive = (child) => child.exitCode === null && child.signalCode === null;
  const signal = (child, name) => {
    if (!alive(child)) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  return {
    children,
    signal,
    start(command, args, options, label) {
      const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      Object.assign(child, { label, output: '', lines: [] });
      child.exited = new Promise((resolve) => child.on('exit', resolve));
      for (const stream of [child.stdout, child.stderr]) {
        let partial = '';
        stream.on('data', (d) => {
          child.output += d;
          const parts = (partial + d).split('\n');
          partial = parts.pop();
          for (const text of parts) child.lines.push({ at: Date.now(), text });
        });
      }
      children.push(child);
      return child;
    },
    async close() {
      const running = children.filter(alive).reverse();
      for (const child of running) signal(child, 'SIGTERM');
      await Promise.race([Promise.all(running.map((c) => c.exited)), new Promise((r) => setTimeout(r, 10_000))]);
      for (const child of running) signal(child, 'SIGKILL');
    },
  };
}

async function boot({ credentials, workflows, log, processes, folders }) {
  const { children, signal, start } = processes;
  const PG_BIN = ensureServers();
  const env = installN8n();
  const { work, userFolder } = prepareUserFolder();
  folders.push(work);

  // PostgreSQL refuses to run as root: its data folder belongs to the postgres user.
  const data = mkdtempSync(join(tmpdir(), 'imagegate-pg-'));
  folders.push(data);
  chmodSync(data, 0o700);
  execFileSync('chown', ['postgres:postgres', data]);
  const pgPort = await freePort();
  execFileSync(
    'runuser',
    ['-u', 'postgres', '--', join(PG_BIN, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres'],
    { stdio: 'ignore' },
  );
  start(
    'runuser',
    [
      '-u',
      'postgres',
      '--',
      join(PG_BIN, 'postgres'),
      '-D',
      data,
      '-p',
      String(pgPort),
      '-k',
      data,
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    {},
    'postgres',
  );
  await until(
    'PostgreSQL',
    async () => execFileSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)]).length >= 0,
  );
  execFileSync(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', 'n8n']);
  const redisPort = await freePort();
  start(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    'redis',
  );
  log(`n8n ${env.N8N_INSTALLED_VERSION}, PostgreSQL on ${pgPort}, Redis on ${redisPort}`);

  const base = {
    ...env,
    ...(await n8nEnvironment(userFolder, OFFLINE_SERVER_ENV)),
    N8N_ENCRYPTION_KEY: 'imagegate-queue-mode-encryption-key',
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: '127.0.0.1',
    DB_POSTGRESDB_PORT: String(pgPort),
    DB_POSTGRESDB_USER: 'postgres',
    DB_POSTGRESDB_DATABASE: 'n8n',
    EXECUTIONS_MODE: 'queue',
    // n8n 3.0's behaviour (there always, the variable gone): manual executions run on workers too.
    OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(redisPort),
    N8N_LOG_LEVEL: 'info',
  };
  const cli = async (...args) =>
    expectOk(
      run(
        env.N8N_NODE,
        [env.N8N_BIN, ...args],
        { cwd: work, env: { ...base, N8N_RUNNERS_BROKER_PORT: String(await freePort()) } },
        240_000,
      ),
      args[0],
    );
  writeFileSync(join(work, 'credentials.json'), JSON.stringify(credentials));
  writeFileSync(join(work, 'workflows.json'), JSON.stringify(workflows));
  await cli('import:credentials', `--input=${join(work, 'credentials.json')}`);
  await cli('import:workflow', `--input=${join(work, 'workflows.json')}`);
  // One CLI per workflow (n8n 2.40 and 2.41 publish one at a time), run side by side.
  await Promise.all(workflows.map((w) => cli('publish:workflow', `--id=${w.id}`)));
  log(`imported ${credentials.length} credentials and ${workflows.length} workflows`);

  const mainPort = await freePort();
  const url = `http://127.0.0.1:${mainPort}`;
  const workers = [];
  const webhookPaths = workflows.flatMap((w) =>
    w.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook').map((n) => n.parameters.path),
  );

  const cluster = {
    version: env.N8N_INSTALLED_VERSION,
    url,
    workers,
    main: undefined,
    /** Starts (or restarts) the main instance on the same port; resolves once every workflow's webhook is live. */
    async startMain() {
      const main = start(
        env.N8N_NODE,
        [env.N8N_BIN, 'start'],
        {
          cwd: work,
          env: {
            ...base,
            ...ownHostname('main'),
            N8N_PORT: String(mainPort),
            N8N_RUNNERS_BROKER_PORT: String(await freePort()),
          },
        },
        'main',
      );
      cluster.main = main;
      await until('the main instance', async () => (await fetch(`${url}/healthz`)).ok, 120_000, main);
      // A webhook is live once a GET is told to use POST (before that it is not registered at all).
      const live = async (path) =>
        (await (await fetch(`${url}/webhook/${path}`)).text()).includes('make a POST request');
      await until(
        'the workflows to be active',
        async () => (await Promise.all(webhookPaths.map(live))).every(Boolean),
        120_000,
        main,
      );
      return main;
    },
    /** Starts a worker taking `concurrency` executions at once; resolves once it is ready. */
    async startWorker(label, concurrency) {
      const worker = start(
        env.N8N_NODE,
        [env.N8N_BIN, 'worker', `--concurrency=${concurrency}`],
        {
          cwd: work,
          env: {
            ...base,
            ...ownHostname(label),
            QUEUE_HEALTH_CHECK_ACTIVE: 'true',
            QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
            N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
            N8N_RUNNERS_BROKER_PORT: String(await freePort()),
          },
        },
        label,
      );
      await until(`${label} ready`, async () => /n8n worker is now ready/i.test(worker.output), 120_000, worker);
      workers.push(worker);
      return worker;
    },
    /** SIGKILL: the process dies at once, as on an out-of-memory kill or a lost machine. */
    async kill(child) {
      signal(child, 'SIGKILL');
      await child.exited;
      if (workers.includes(child)) workers.splice(workers.indexOf(child), 1);
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
      const out = execFileSync(
        join(PG_BIN, 'psql'),
        ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', 'n8n', '-AtF', '\t', '-c', query],
        { encoding: 'utf8' },
      );
      return out
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'));
    },
    /** The executions of a workflow, oldest first, with seconds from start to end once ended. */
    executions(workflowId) {
      const rows = cluster.sql(
        'select id, status, extract(epoch from "stoppedAt" - "startedAt") from execution_entity ' +
          `where "workflowId" = '${workflowId}' order by id`,
      );
      return rows.map(([id, status, seconds]) => ({ id, status, seconds: seconds ? Number(seconds) : undefined }));
    },
    /** POSTs JSON to a production webhook; the answer's status and parsed body. */
    async post(path, body) {
      const response = await fetch(`${url}/webhook/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
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
  };
  return cluster;
}
