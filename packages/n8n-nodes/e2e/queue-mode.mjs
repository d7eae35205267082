// `pnpm test:queue`: the node in n8n's queue mode (PostgreSQL, Redis, a main
// instance and two workers; see queue-cluster.mjs), driven through webhooks as
// users run it, against ToAPIs emulators. Three phases (QUEUE_PHASES picks
// some: throughput,slots,crash):
// - throughput: CALLS webhook calls of 5 images at once with one worker, then
//   with two; checks images, one submit per item, that both workers took part,
//   and prints the wall times;
// - slots: one 3-minute task waited on inside the node and one through the
//   Check Once loop template, side by side; prints how long each held a worker
//   slot (the workers' jobs for it, timed from their logs) and when each was done;
// - crash: submit–park–collect, the Check Once loop and waiting inside the
//   node, all mid-wait when a worker is SIGKILLed and the whole instance is
//   restarted. The parked patterns must deliver their images with one submit;
//   the task the killed worker was waiting on must be found in its log and
//   collected by its id, still with one submit.
import { startToApisEmulator } from '@imagegate/provider-toapis/testing';
import { startQueueCluster, until } from './queue-cluster.mjs';
import {
  checkOnceLoopWorkflow,
  collectWorkflow,
  credential,
  inNodeWorkflow,
  parkWorkflow,
  promptsWorkflow,
  templatePrompt,
} from './queue-workflows.mjs';

const KEY = 'sk-queue-toapis-0123456789';
const ITEMS = 5;
const CALLS = Number(process.env.QUEUE_CALLS ?? 8);
const SLOT_TASK_MS = 180_000;
const CRASH_TASK_MS = 100_000;
const PHASES = ['throughput', 'slots', 'crash'];
const phases = (process.env.QUEUE_PHASES ?? PHASES.join(',')).split(',').map((p) => p.trim());
if (phases.some((p) => !PHASES.includes(p))) {
  console.error(
    `queue mode: QUEUE_PHASES takes ${PHASES.join(', ')} (comma-separated); got "${process.env.QUEUE_PHASES}"`,
  );
  process.exit(2);
}
const started = Date.now();
const log = (message) => console.log(`[queue ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const FINAL = ['success', 'error', 'crashed', 'canceled'];

const emulators = {
  throughput: await startToApisEmulator({ apiKey: KEY, taskDurationMs: 2000 }),
  slots: await startToApisEmulator({ apiKey: KEY, taskDurationMs: SLOT_TASK_MS }),
  crash: await startToApisEmulator({ apiKey: KEY, taskDurationMs: CRASH_TASK_MS }),
};
const workflows = {
  prompts: promptsWorkflow({
    id: 'igQueuePrompts01',
    path: 'queue-prompts',
    credentialId: 'igQueueThroughpt',
    parallel: ITEMS,
  }),
  slotsInNode: inNodeWorkflow({ id: 'igQueueSlotsNode', path: 'slots-in-node', credentialId: 'igQueueSlots0001' }),
  slotsLoop: checkOnceLoopWorkflow({ id: 'igQueueSlotsLoop', path: 'slots-loop', credentialId: 'igQueueSlots0001' }),
  crashPark: parkWorkflow({
    id: 'igQueueCrashPark',
    path: 'crash-park',
    credentialId: 'igQueueCrash0001',
    waitSeconds: 70,
  }),
  crashInNode: inNodeWorkflow({ id: 'igQueueCrashNode', path: 'crash-in-node', credentialId: 'igQueueCrash0001' }),
  crashLoop: checkOnceLoopWorkflow({ id: 'igQueueCrashLoop', path: 'crash-loop', credentialId: 'igQueueCrash0001' }),
  crashCollect: collectWorkflow({ id: 'igQueueCollect01', path: 'crash-collect', credentialId: 'igQueueCrash0001' }),
};
const LOOP_PROMPT = templatePrompt(workflows.slotsLoop);

const submits = (emulator, prompt) =>
  emulator.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v1/images/generations' && (prompt === undefined || r.prompt === prompt),
  ).length;
const downloads = (emulator) =>
  emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/files/') && r.status === 200).length;
const equal = (actual, expected, what) => {
  if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
};
/** A webhook answering at once (Respond: Immediately) took the call. */
const accepted = async (answer) => {
  const { status, body } = await answer;
  if (status !== 200) throw new Error(`a webhook answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
};
const execution = (cluster, workflow) => {
  const all = cluster.executions(workflow.id);
  if (all.length > 1) throw new Error(`${workflow.name} ran ${all.length} times`);
  return all[0];
};

let cluster;
try {
  cluster = await startQueueCluster({
    credentials: [
      credential('igQueueThroughpt', emulators.throughput, KEY),
      credential('igQueueSlots0001', emulators.slots, KEY),
      credential('igQueueCrash0001', emulators.crash, KEY),
    ],
    workflows: Object.values(workflows),
    log,
  });
  await cluster.startMain();
  log(`main instance at ${cluster.url}`);
  // Each worker runs half the calls at once, so a second worker has work to take.
  const concurrency = Math.ceil(CALLS / 2);
  const first = await cluster.startWorker('worker 1', concurrency);
  if (phases.includes('throughput')) await throughput(first);
  if (cluster.workers.length < 2) await cluster.startWorker('worker 2', concurrency);
  if (phases.includes('slots')) await slots();
  if (phases.includes('crash')) await crash(concurrency);
  console.log(`queue mode on n8n ${cluster.version}: passed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
} catch (error) {
  if (cluster) console.error(cluster.report());
  // Last, so that a log cut to its tail still says what failed.
  console.error(`queue mode: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cluster?.close();
  for (const emulator of Object.values(emulators)) await emulator.close();
}

/** CALLS webhook calls of ITEMS prompts each, all at once, with one worker and then two. */
async function throughput(first) {
  const emulator = emulators.throughput;
  const round = async (label) => {
    const before = submits(emulator);
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, c) =>
        cluster.post('queue-prompts', {
          prompts: Array.from({ length: ITEMS }, (_, i) => `${label} call ${c} image ${i}`),
        }),
      ),
    );
    const ms = Date.now() - t0;
    for (const answer of answers) {
      if (answer.status !== 200 || !Array.isArray(answer.body) || answer.body.length !== ITEMS)
        throw new Error(`a webhook call answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`);
      for (const item of answer.body)
        if (!(item.fileSize > 0) || item.mimeType !== 'image/png')
          throw new Error(`an item without its image: ${JSON.stringify(item).slice(0, 300)}`);
    }
    equal(submits(emulator) - before, CALLS * ITEMS, `submits for ${CALLS * ITEMS} items`);
    return ms;
  };
  const startedBy = (worker) => (worker.output.match(/Worker started execution/g) ?? []).length;
  const oneWorker = await round('one worker');
  log(`${CALLS} calls × ${ITEMS} images of 2 s tasks with one worker: ${oneWorker} ms`);
  const second = await cluster.startWorker('worker 2', Math.ceil(CALLS / 2));
  const before = [first, second].map(startedBy);
  const twoWorkers = await round('two workers');
  const took = [first, second].map((w, i) => startedBy(w) - before[i]);
  log(`the same with two workers: ${twoWorkers} ms (executions per worker: ${took.join(', ')})`);
  if (took.some((n) => n === 0)) throw new Error(`a worker took no execution: ${took.join(', ')}`);
  console.log(
    `queue mode, throughput: ${oneWorker} ms with one worker, ` +
      `${twoWorkers} ms with two (ratio ${(twoWorkers / oneWorker).toFixed(2)})`,
  );
}

/** A 3-minute task waited on in the node and through the Check Once loop, side by side: worker-slot time of each. */
async function slots() {
  const emulator = emulators.slots;
  const watched = { 'in the node': workflows.slotsInNode, 'Check Once loop': workflows.slotsLoop };
  await accepted(cluster.post('slots-in-node', { prompt: 'slots: waiting in the node' }));
  await accepted(cluster.post('slots-loop', {}));
  const status = {};
  const t0 = Date.now();
  await until(
    'the 3-minute tasks',
    async () => {
      for (const [label, workflow] of Object.entries(watched)) status[label] = execution(cluster, workflow)?.status;
      return Object.values(status).every((s) => FINAL.includes(s));
    },
    SLOT_TASK_MS + 180_000,
  );
  const wall = (Date.now() - t0) / 1000;
  for (const [label, s] of Object.entries(status)) equal(s, 'success', `the execution waiting ${label}`);
  equal(submits(emulator, 'slots: waiting in the node'), 1, 'submits waiting in the node');
  equal(submits(emulator, LOOP_PROMPT), 1, 'submits of the Check Once loop');
  equal(downloads(emulator), 2, 'images downloaded');
  const checks = emulator.requests.filter(
    (r) => r.method === 'GET' && r.path.startsWith('/v1/images/generations/'),
  ).length;
  // Timed from the workers' own logs: one job per start or resume of the execution.
  const held = Object.fromEntries(
    Object.entries(watched).map(([label, workflow]) => {
      const { id, seconds } = execution(cluster, workflow);
      return [label, { ...cluster.slotTime(id), done: seconds }];
    }),
  );
  const summary = Object.entries(held)
    .map(
      ([label, { ms, jobs, done }]) =>
        `${label} ${(ms / 1000).toFixed(1)} s in ${jobs} job${jobs === 1 ? '' : 's'} ` +
        `(done after ${done?.toFixed(0)} s)`,
    )
    .join(', ');
  console.log(
    `queue mode, worker slots held during a ${SLOT_TASK_MS / 60_000}-minute task ` +
      `(both done in ${wall.toFixed(0)} s, ${checks} status checks in all): ${summary}`,
  );
  if (held['in the node'].jobs !== 1 || held['Check Once loop'].jobs < 2)
    throw new Error(`unexpected jobs: ${summary}`);
  if (held['Check Once loop'].ms > held['in the node'].ms / 10)
    throw new Error(`the Check Once loop held a worker as long as waiting in the node: ${summary}`);
}

/** Mid-wait, SIGKILL a worker and restart everything; then every paid image is delivered or collectable. */
async function crash(concurrency) {
  const emulator = emulators.crash;
  const inNodePrompt = 'crash: waiting in the node';
  const parkPrompt = 'crash: submit, park, collect';
  await accepted(cluster.post('crash-park', { prompt: parkPrompt }));
  await accepted(cluster.post('crash-loop', {}));
  await accepted(cluster.post('crash-in-node', { prompt: inNodePrompt }));
  // Mid-wait: the in-node task submitted and logged by its worker, the others parked in the database.
  let victim;
  let logged;
  await until(
    'every execution to be waiting',
    async () => {
      const inNode = execution(cluster, workflows.crashInNode);
      if (
        !inNode ||
        [workflows.crashPark, workflows.crashLoop].some((w) => execution(cluster, w)?.status !== 'waiting')
      )
        return false;
      const line = new RegExp(
        `ImageGate: toapis task (\\S+) submitted \\(model [^,]+, item 0, node "Generate", execution ${inNode.id}\\)`,
      );
      victim = cluster.workers.find((w) => line.test(w.output));
      logged = victim?.output.match(line)?.[1];
      return Boolean(logged);
    },
    60_000,
  );
  log(`mid-wait: two executions parked, one waiting inside the node on ${victim.label} (task ${logged})`);
  await cluster.kill(victim);
  log(`${victim.label} killed (SIGKILL); stopping the main instance and the other worker`);
  for (const child of [cluster.main, ...cluster.workers]) await cluster.stop(child);
  const t0 = Date.now();
  // Workers before the main instance: a starting worker marks as crashed whatever its event log shows unfinished,
  // and here the processes share one folder, hence one log; once the main instance is up, it resumes parked
  // executions, and a worker starting after that could mark one running on the other worker as crashed.
  await cluster.startWorker('worker 3', concurrency);
  await cluster.startWorker('worker 4', concurrency);
  await cluster.startMain();
  log(`restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The task of the killed execution, found in its worker's log, collected by its id.
  const collected = await cluster.post('crash-collect', { taskId: logged });
  const [item] = Array.isArray(collected.body) ? collected.body : [];
  if (collected.status !== 200 || item?.mimeType !== 'image/png' || !(item.fileSize > 0) || item.taskId !== logged)
    throw new Error(
      `collecting ${logged} answered ${collected.status}: ${JSON.stringify(collected.body).slice(0, 400)}`,
    );
  log(`collected the killed execution's task ${logged} by its id: ${item.fileName}, ${item.fileSize} bytes`);

  await until(
    'the parked executions to finish',
    async () => [workflows.crashPark, workflows.crashLoop].every((w) => FINAL.includes(execution(cluster, w)?.status)),
    CRASH_TASK_MS + 180_000,
  );
  equal(execution(cluster, workflows.crashPark).status, 'success', 'submit, park, collect after the crash');
  equal(execution(cluster, workflows.crashLoop).status, 'success', 'the Check Once loop after the crash');
  equal(submits(emulator, parkPrompt), 1, 'submits of submit, park, collect');
  equal(submits(emulator, LOOP_PROMPT), 1, 'submits of the Check Once loop');
  equal(submits(emulator, inNodePrompt), 1, 'submits of the execution that was killed (n8n must not run it again)');
  equal(downloads(emulator), 3, 'images downloaded');
  const killed = execution(cluster, workflows.crashInNode);
  // What n8n kept of it: never its node's output, so never the task (hence the log line).
  if (!['crashed', 'error'].includes(killed.status)) throw new Error(`the killed execution is "${killed.status}"`);
  const [kept] = cluster.sql(
    `select length(data), position('${logged}' in data) > 0 from execution_data where "executionId" = ${killed.id}`,
  );
  if (kept?.[1] === 't')
    throw new Error('n8n kept the task id of the killed execution after all: the README says it does not');
  const what = kept ? `${kept[0]} characters of data kept, without the task id` : 'no data kept';
  console.log(
    'queue mode, crash: submit–park–collect and the Check Once loop delivered their images ' +
      'after a worker was killed and everything restarted; ' +
      `the killed in-node execution is "${killed.status}" (${what}), ` +
      'its task collected from the log; 3 submits for 3 images',
  );
}
