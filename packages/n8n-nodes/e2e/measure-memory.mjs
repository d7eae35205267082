// `pnpm measure:n8n-memory` (repository root): how much n8n's peak
// memory grows per image byte when the node receives large results. Runs a
// real n8n (`n8n execute`, its default filesystem binary mode) on workflows
// that make five images with Parallel Requests 5: through the ToAPIs
// emulator, whose results are 3840x2160 PNGs of about 11 MB (a photo's size)
// and 24.9 MB (incompressible) downloaded from URLs, and through the GPTProto
// emulator, whose gpt-image-2 answers carry the 11 MB PNG inline as base64;
// each against the same run with tiny results; peak resident memory from
// /usr/bin/time, medians of RUNS runs (default 3). Prints the growth as a
// multiple of the image bytes; the goals are <= 2x (downloads) and <= 1.5x
// (base64). BINARY_MODE=database measures n8n's database mode (and =default its
// in-memory mode, which n8n 3.0 drops). N8N_VERSION picks n8n (as for pnpm test:e2e).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGptProtoEmulator } from '@imagegate/provider-gptproto/testing';
import { startToApisEmulator } from '@imagegate/provider-toapis/testing';
import { encodePng } from '@imagegate/testing/fakes';
import { expectOk, installN8n, n8nEnvironment, prepareUserFolder, run } from './n8n-harness.mjs';
import { extractExecution, nodeItems } from './n8n-output.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
// n8n's binary data mode: filesystem is its default (database is queue mode's).
const MODE = process.env.BINARY_MODE ?? 'filesystem';
const IMAGES = 5;
const WORKFLOW_IDS = { toapis: 'igMeasureMemory', gptproto: 'igMeasureMemoryB64' };
const KEY = 'sk-measure-toapis-0123456789';
const photo = () => encodePng(3840, 2160, { noise: 0.44, seed: 7 });
const cases = [
  { vendor: 'toapis', name: 'ToAPIs, URL download: 3840x2160 PNG, photo-sized', png: photo },
  {
    vendor: 'toapis',
    name: 'ToAPIs, URL download: 3840x2160 PNG, incompressible',
    png: () => encodePng(3840, 2160, { noise: true, seed: 7 }),
  },
  { vendor: 'gptproto', name: 'GPTProto gpt-image-2, base64 answer: 3840x2160 PNG, photo-sized', png: photo },
];

const env = installN8n();
const { work, userFolder } = prepareUserFolder();
let result = { bytes: encodePng(8, 8), mimeType: 'image/png' };
const emulator = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 200, resultFile: () => result });
const gptProto = await startGptProtoEmulator({ apiKey: KEY, renderImage: () => result.bytes });
try {
  const n8nEnv = { ...env, ...(await n8nEnvironment(userFolder, { N8N_DEFAULT_BINARY_DATA_MODE: MODE })) };
  const n8n = (...args) => run(env.N8N_NODE, [env.N8N_BIN, ...args], { cwd: work, env: n8nEnv }, 300_000);
  writeFileSync(
    join(work, 'credentials.json'),
    JSON.stringify([
      {
        id: 'igMeasureToApis1',
        name: 'ToAPIs (emulator)',
        type: 'imageGateToApisApi',
        data: { apiKey: KEY, baseUrl: emulator.url },
      },
      {
        id: 'igMeasureGptProto',
        name: 'GPTProto (emulator)',
        type: 'imageGateGptProtoApi',
        data: { apiKey: KEY, baseUrl: gptProto.url },
      },
    ]),
  );
  writeFileSync(join(work, 'workflow.json'), JSON.stringify([workflow('toapis'), workflow('gptproto')]));
  await expectOk(n8n('import:credentials', `--input=${join(work, 'credentials.json')}`), 'import:credentials');
  await expectOk(n8n('import:workflow', `--input=${join(work, 'workflow.json')}`), 'import:workflow');

  /** Peak resident memory of one `n8n execute` of the workflow, bytes; checks that it stored every image whole. */
  const peak = async (vendor, imageBytes) => {
    const out = await run(
      '/usr/bin/time',
      ['-f', 'MAXRSS=%M', env.N8N_NODE, env.N8N_BIN, 'execute', `--id=${WORKFLOW_IDS[vendor]}`],
      { cwd: work, env: n8nEnv },
      300_000,
    );
    const kb = Number(/MAXRSS=(\d+)/.exec(out.stderr)?.[1]);
    const sizes =
      out.code === 0 ? nodeItems(extractExecution(out.stdout), 'Generate').map((item) => item.json.fileSize) : [];
    if (!kb || sizes.length !== IMAGES || sizes.some((size) => size !== imageBytes))
      throw new Error(
        `n8n execute did not store ${IMAGES} images of ${imageBytes} bytes (got ${sizes}):\n` +
          `${out.stdout.slice(-1500)}\n${out.stderr.slice(-1500)}`,
      );
    return kb * 1024;
  };
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

  const rows = [];
  for (const c of cases) {
    const big = c.png();
    const tiny = { bytes: encodePng(8, 8), mimeType: 'image/png' };
    const baseline = [];
    const loaded = [];
    for (let i = 0; i < RUNS; i++) {
      result = tiny;
      baseline.push(await peak(c.vendor, tiny.bytes.byteLength));
      result = { bytes: big, mimeType: 'image/png' };
      loaded.push(await peak(c.vendor, big.byteLength));
    }
    const imageBytes = IMAGES * big.byteLength;
    const growth = median(loaded) - median(baseline);
    rows.push({
      case: c.name,
      image: mb(big.byteLength),
      'image bytes (x5)': mb(imageBytes),
      'peak, tiny images': mb(median(baseline)),
      'peak, large images': mb(median(loaded)),
      growth: mb(growth),
      'growth / image bytes': `${(growth / imageBytes).toFixed(2)}x`,
    });
  }
  console.log(
    `n8n peak memory, ${IMAGES} images, Parallel Requests ${IMAGES}, ` +
      `medians of ${RUNS} runs (n8n ${env.N8N_INSTALLED_VERSION}, its ${MODE} binary mode)`,
  );
  console.table(rows);
} finally {
  await emulator.close();
  await gptProto.close();
  rmSync(work, { recursive: true, force: true });
}

/** Five prompts, then Generate at Parallel Requests 5, on one vendor. */
function workflow(vendor) {
  const prompts = Array.from({ length: IMAGES }, (_, i) => `memory ${i + 1}`);
  const generate =
    vendor === 'toapis'
      ? {
          parameters: {
            provider: 'toapis',
            model: { __rl: true, mode: 'list', value: 'gemini-3-pro-image-preview' },
            size: '16:9',
            resolution: '4K',
          },
          credentials: { imageGateToApisApi: { id: 'igMeasureToApis1', name: 'ToAPIs (emulator)' } },
        }
      : {
          parameters: {
            provider: 'gptproto',
            model: { __rl: true, mode: 'list', value: 'gpt-image-2' },
            size: 'custom',
            customSize: '3840x2160',
          },
          credentials: { imageGateGptProtoApi: { id: 'igMeasureGptProto', name: 'GPTProto (emulator)' } },
        };
  return {
    id: WORKFLOW_IDS[vendor],
    name: `ImageGate: five large images at once (${vendor})`,
    active: false,
    nodes: [
      {
        id: 't',
        name: 'Start',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: 'p',
        name: 'Prompts',
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [220, 0],
        parameters: { jsCode: `return ${JSON.stringify(prompts)}.map((prompt) => ({ json: { prompt } }));` },
      },
      {
        id: 'g',
        name: 'Generate',
        type: 'n8n-nodes-imagegate.imageGate',
        typeVersion: 1,
        position: [440, 0],
        parameters: {
          resource: 'image',
          operation: 'generate',
          prompt: '={{ $json.prompt }}',
          ...generate.parameters,
          options: { parallel: IMAGES, pollIntervalSeconds: 1 },
        },
        credentials: generate.credentials,
      },
    ],
    connections: {
      Start: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
      Prompts: { main: [[{ node: 'Generate', type: 'main', index: 0 }]] },
    },
    settings: { executionOrder: 'v1' },
  };
}
