// `pnpm test:e2e`: the node inside a real n8n. Installs n8n (N8N_VERSION: the
// newest tested release by default, `oldest` for the oldest supported one, or
// any version, range or tag; cached outside the workspace), installs this package the way n8n's Community Nodes
// screen does, starts the vendor emulators on 127.0.0.1, imports credentials
// and every workflow in ./workflows, runs each with `n8n execute`, and checks
// its output (./expectations.mjs). Nothing long-lived is left running.
import { rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGptProtoEmulator } from '@imagegate/provider-gptproto/testing';
import { startToApisEmulator } from '@imagegate/provider-toapis/testing';
import { checkInBrowser } from './browser-check.mjs';
import { startScriptedOpenAi } from './openai-scripted.mjs';
import { prepareThirdParty, THIRD_PARTY_WORKFLOW } from './third-party.mjs';
import { expectations } from './expectations.mjs';
import { extractExecution } from './n8n-output.mjs';
import {
  cache,
  expectOk,
  freePort,
  installN8n,
  n8nEnvironment,
  nodePackageDirs,
  prepareUserFolder,
  run,
} from './n8n-harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const GPT_KEY = 'sk-e2e-gptproto-0123456789';
const TOAPIS_KEY = 'sk-e2e-toapis-0123456789';
const BAD_KEY = 'sk-e2e-wrong-key-999999';
const ACME_KEY = 'sk-e2e-acme-0123456789';
const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

// 1. n8n itself (fails loudly when it cannot be installed, e.g. without network).
log(`installing n8n ${process.env.N8N_VERSION ?? 'newest'} into ${cache} (cached between runs)`);
let env;
try {
  env = installN8n();
} catch {
  console.error('n8n e2e: FAILED: n8n could not be installed (see above); the end-to-end tests did not run.');
  process.exit(1);
}
const version = env.N8N_INSTALLED_VERSION;
log(`n8n ${version}`);

// 2. A fresh n8n user folder with every node package (the combined one, one per vendor, and a
//    third party's that `pnpm create-provider acme --package … --n8n` writes outside the workspace, npm-installed
//    against the packed kits and npm-packed) installed the Community Nodes way.
const thirdParty = await prepareThirdParty();
log(`generated and built a third party's provider and n8n package in ${thirdParty.root}`);
const { work, userFolder, installed } = prepareUserFolder([...nodePackageDirs(), thirdParty.node]);
for (const { pkg, tarball } of installed) log(`installed ${pkg.name}@${pkg.version} from ${tarball.split('/').pop()}`);

// 3. The vendors: emulators on 127.0.0.1.
const gptproto = await startGptProtoEmulator({ apiKey: GPT_KEY });
const toapis = await startToApisEmulator({ apiKey: TOAPIS_KEY, taskDurationMs: 1500 });
// The AI Agent's chat model: a scripted OpenAI-compatible server.
const openai = await startScriptedOpenAi();
const acme = await thirdParty.startEmulator({ apiKey: ACME_KEY, taskDurationMs: 1500 });
const ctx = { gptproto, toapis, openai, acme, badKey: BAD_KEY, n8nFolder: join(userFolder, '.n8n') };
log(`emulators: GPTProto ${gptproto.url}, ToAPIs ${toapis.url}`);

const results = [];
try {
  const n8nEnv = {
    ...env,
    ...(await n8nEnvironment(userFolder)),
  };
  const n8n = (...args) => run(env.N8N_NODE, [env.N8N_BIN, ...args], { cwd: work, env: n8nEnv });

  // 4. Credentials (plain data: n8n encrypts them on import) and workflows.
  const credentials = [
    {
      id: 'igGptProtoCred01',
      name: 'GPTProto (emulator)',
      type: 'imageGateGptProtoApi',
      data: { apiKey: GPT_KEY, authScheme: 'bare', baseUrl: gptproto.url },
    },
    {
      id: 'igToApisCred0001',
      name: 'ToAPIs (emulator)',
      type: 'imageGateToApisApi',
      data: { apiKey: TOAPIS_KEY, baseUrl: toapis.url },
    },
    {
      // Prices as a reseller's customer sets them: what Max Cost per Execution and each item's cost count in.
      id: 'igGptProtoPriced',
      name: 'GPTProto (emulator, own prices)',
      type: 'imageGateGptProtoApi',
      data: {
        apiKey: GPT_KEY,
        authScheme: 'bare',
        baseUrl: gptproto.url,
        prices: '{"gpt-image-2": {"per": "image", "amount": 0.04, "currency": "USD"}}',
      },
    },
    {
      id: 'igGptProtoBadKey',
      name: 'GPTProto (wrong key)',
      type: 'imageGateGptProtoApi',
      data: { apiKey: BAD_KEY, authScheme: 'bare', baseUrl: gptproto.url },
    },
    {
      id: 'igPkgGptProtoCr1',
      name: 'GPTProto Image (emulator)',
      type: 'gptProtoImageApi',
      data: { apiKey: GPT_KEY, authScheme: 'bare', baseUrl: gptproto.url },
    },
    {
      id: 'igPkgToApisCred1',
      name: 'ToAPIs Image (emulator)',
      type: 'toApisImageApi',
      data: { apiKey: TOAPIS_KEY, baseUrl: toapis.url },
    },
    {
      id: 'igThirdPartyAcme',
      name: 'Acme Image (emulator)',
      type: 'acmeImageApi',
      data: { apiKey: ACME_KEY, baseUrl: acme.url },
    },
    {
      id: 'igOpenAiScripted',
      name: 'OpenAI (scripted)',
      type: 'openAiApi',
      data: { apiKey: 'sk-e2e-openai-scripted', url: openai.url },
    },
  ];
  writeFileSync(join(work, 'credentials.json'), JSON.stringify(credentials));
  const workflows = readdirSync(join(here, 'workflows'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(here, 'workflows', f), 'utf8')))
    .concat([THIRD_PARTY_WORKFLOW]);
  // The shipped templates too, for the editor checks (their Waits park, which `n8n execute` cannot run;
  // pnpm test:queue runs them).
  const templates = readdirSync(join(here, '..', 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ id: templateId(f), ...JSON.parse(readFileSync(join(here, '..', 'templates', f), 'utf8')) }));
  writeFileSync(join(work, 'workflows.json'), JSON.stringify([...workflows, ...templates]));
  await expectOk(n8n('import:credentials', `--input=${join(work, 'credentials.json')}`), 'import:credentials');
  await expectOk(n8n('import:workflow', `--input=${join(work, 'workflows.json')}`), 'import:workflow');
  log(`imported ${credentials.length} credentials, ${workflows.length} workflows and ${templates.length} templates`);

  // 5. Run each workflow and check what it produced (E2E_ONLY=browser skips to 6).
  // E2E_WORKFLOW=<id> runs one workflow (when working on it).
  for (const workflow of process.env.E2E_ONLY === 'browser'
    ? []
    : workflows.filter((w) => !process.env.E2E_WORKFLOW || w.id === process.env.E2E_WORKFLOW)) {
    const check = expectations[workflow.id];
    const t0 = Date.now();
    const out = await n8n('execute', `--id=${workflow.id}`, '--rawOutput');
    let error;
    try {
      if (!check) throw new Error(`no expectation for workflow ${workflow.id}`);
      const execution = extractExecution(out.stdout);
      if (execution.status === 'error' && workflow.id !== 'igBadKeyContinue') {
        const error = execution.data.resultData.error;
        throw new Error(`n8n reported an error: ${JSON.stringify(error?.message ?? error)}`);
      }
      check(execution, ctx);
    } catch (e) {
      error = e;
    }
    const ms = Date.now() - t0;
    results.push({ workflow: workflow.name, id: workflow.id, ok: !error, ms, error: error?.message });
    log(`${error ? 'FAIL' : 'ok  '} ${workflow.id} (${ms} ms)${error ? `: ${error.message}` : ''}`);
    if (error && process.env.E2E_VERBOSE) console.log(out.stdout.slice(-4000), out.stderr.slice(-2000));
  }

  // 6. The editor in a real browser, as a workflow builder meets the node.
  if (process.env.E2E_ONLY !== 'workflows') {
    const t0 = Date.now();
    const checks = await checkInBrowser({ env, n8nEnv, cwd: work, ports: [await freePort(), await freePort()], log });
    for (const check of checks) {
      results.push({ id: `browser: ${check.name}`, ok: !check.error, ms: check.ms, error: check.error });
      log(`${check.error ? 'FAIL' : 'ok  '} browser: ${check.name}${check.error ? `: ${check.error}` : ''}`);
    }
    log(`browser checks took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await gptproto.close();
  await toapis.close();
  await openai.close();
  await acme.close();
  if (!process.env.E2E_KEEP) rmSync(thirdParty.root, { recursive: true, force: true });
  if (!process.env.E2E_KEEP) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}

/** A template's workflow id in the editor: `check-once-loop.json` → `igTplCheckOnceLoop`. */
function templateId(file) {
  return `igTpl${file.replace(/\.json$/, '').replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`;
}

console.table(
  results.map(({ id, ok, ms, error }) => ({ workflow: id, result: ok ? 'passed' : 'FAILED', ms, error: error ?? '' })),
);
const failed = results.filter((r) => !r.ok).length;
console.log(`n8n e2e on n8n ${version}: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
