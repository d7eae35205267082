// The node in n8n's editor, as a workflow builder meets it: starts the editor
// (`n8n start`) on free loopback ports, creates the owner, and drives headless
// Chromium (Debian's package, installed when missing) with n8n's own
// playwright-core. Checks that the node picker finds the node, that the panel
// shows the Provider and the right fields for each case (and not the wrong
// ones), and that the canvas subtitle names the model; saves screenshots.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFLINE_SERVER_ENV } from './n8n-harness.mjs';

const OWNER = { email: 'owner@example.com', password: 'Passw0rd!x', firstName: 'Image', lastName: 'Gate' };

/** Chromium from Debian's package; installed with apt-get when missing (CI runs as root). */
export function chromiumPath() {
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (existsSync(candidate)) return candidate;
  execFileSync(
    'bash',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'],
    { stdio: 'inherit' },
  );
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('Chromium could not be installed (apt-get install chromium)');
}

/** Start n8n's editor for the user folder; resolves once it answers, with a stop function. */
export async function startEditor({ env, n8nEnv, port, brokerPort, cwd, log }) {
  const child = spawn(env.N8N_NODE, [env.N8N_BIN, 'start'], {
    cwd,
    env: {
      ...n8nEnv,
      ...OFFLINE_SERVER_ENV,
      N8N_PORT: String(port),
      N8N_RUNNERS_BROKER_PORT: String(brokerPort),
      N8N_SECURE_COOKIE: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${base}/healthz/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet: try again until the deadline
    }
    if (Date.now() > deadline) throw new Error(`n8n's editor did not start within 90 s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const setup = await fetch(`${base}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  if (!setup.ok) throw new Error(`owner setup: HTTP ${setup.status} ${await setup.text()}`);
  log(`editor at ${base}`);
  return {
    base,
    stop: () =>
      new Promise((resolve) =>
        child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
      ),
  };
}

/** n8n's own playwright-core (n8n ships it), so the project installs no browser driver. */
export function loadPlaywright(env) {
  const require = createRequire(join(env.N8N_BIN, '..', '..', 'package.json'));
  return require(require.resolve('playwright-core', { paths: [join(env.N8N_BIN, '..', '..', '..')] }));
}

/** Log in, as a user would. */
export async function signIn(page, base) {
  await page.goto(`${base}/signin`);
  await page.fill('input[type="email"], input[name="emailOrLdapLoginId"]', OWNER.email);
  await page.fill('input[type="password"]', OWNER.password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

export { OWNER };

/**
 * Every browser check, each `{ name, ms, error? }`; screenshots go to
 * `E2E_SCREENSHOTS` (default: the run's own folder).
 */
export async function checkInBrowser({ env, n8nEnv, cwd, ports, log }) {
  // E2E_SCREENSHOTS=docs/screenshots refreshes the README's pictures (a relative path is the package's, wherever
  // the command runs); by default they stay in the run's folder.
  const shots = process.env.E2E_SCREENSHOTS
    ? resolve(fileURLToPath(new URL('..', import.meta.url)), process.env.E2E_SCREENSHOTS)
    : join(cwd, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const editor = await startEditor({ env, n8nEnv, port: ports[0], brokerPort: ports[1], cwd, log });
  const { chromium } = loadPlaywright(env);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const results = [];
  const check = async (name, body) => {
    const t0 = Date.now();
    try {
      await body();
      results.push({ name, ms: Date.now() - t0 });
    } catch (error) {
      await page.screenshot({ path: join(shots, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      results.push({
        name,
        ms: Date.now() - t0,
        error: error instanceof Error ? error.message.split('\n')[0] : String(error),
      });
    }
  };
  try {
    await signIn(page, editor.base);
    for (const check_ of CHECKS) await check(check_.name, () => check_.run(page, editor.base, shots));
  } finally {
    await browser.close();
    await editor.stop();
  }
  return results;
}

/** The visible labels of the open node's parameters, in order. */
async function panelLabels(page) {
  await page.locator('[data-test-id="parameter-item"]').first().waitFor({ timeout: 15_000 });
  return (
    await page
      .locator(
        '[data-test-id="ndv"] [data-test-id="input-label"], ' +
          '[data-test-id="node-credentials-select"] ~ * [data-test-id="input-label"]',
      )
      .allInnerTexts()
  )
    .concat(await page.locator('[data-test-id="input-label"]').allInnerTexts())
    .map((text) => text.split('\n')[0].trim())
    .filter((text, i, all) => text && all.indexOf(text) === i);
}

function expectLabels(labels, { shown = [], hidden = [] }) {
  const missing = shown.filter((label) => !labels.includes(label));
  const wrong = hidden.filter((label) => labels.includes(label));
  if (missing.length || wrong.length)
    throw new Error(
      `panel labels ${JSON.stringify(labels)}: missing ${JSON.stringify(missing)}, ` +
        `should not show ${JSON.stringify(wrong)}`,
    );
}

/** Open a workflow and a node's panel in it (double click, as a user does). */
async function openNode(page, base, workflowId, nodeName) {
  await page.goto(`${base}/workflow/${workflowId}`);
  const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
  await node.waitFor({ timeout: 20_000 });
  await node.dblclick();
}

/** Open a workflow and the node picker after its last node ("What happens next?"). */
async function openPickerAfterLastNode(page, base, workflowId) {
  await page.goto(`${base}/workflow/${workflowId}`);
  const plus = page.locator('[data-test-id="canvas-handle-plus"]').first();
  await plus.waitFor({ timeout: 20_000 });
  await plus.click();
  await page.locator('[data-test-id="node-creator"]').waitFor({ timeout: 10_000 });
}

/** Open a workflow's node, screenshot its panel, return its labels. */
async function openPanel(page, base, workflowId, nodeName, shot) {
  await openNode(page, base, workflowId, nodeName);
  const labels = await panelLabels(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot });
  await page.keyboard.press('Escape');
  return labels;
}

/** Open a node's Options → Add Option and return what it offers (screenshot with the list open). */
async function addOptionItems(page, base, workflowId, nodeName, shot) {
  await openNode(page, base, workflowId, nodeName);
  await page.locator('[data-test-id="parameter-item"]').first().waitFor({ timeout: 15_000 });
  // n8n renders Add Option as a select whose placeholder (or label) is the text.
  const add = page
    .getByPlaceholder('Add Option')
    .or(page.getByText('Add Option', { exact: true }))
    .last();
  await add.click({ timeout: 15_000 });
  await page.waitForTimeout(700);
  const items = await page
    .locator(
      '.el-select-dropdown__item:visible, [role="option"]:visible, ' +
        '[data-test-id="collection-parameter-option"]:visible',
    )
    .allInnerTexts();
  await page.screenshot({ path: shot });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  return items.map((text) => text.trim()).filter(Boolean);
}

/** Type into the node picker and return the names it lists. */
async function pickerResults(page, text) {
  const search = page
    .locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]')
    .first();
  await search.fill(text);
  await page.waitForTimeout(800);
  return page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]').allInnerTexts();
}

/** The checks, in order. */
const CHECKS = [
  {
    name:
      'the node picker finds the node after a node ("What happens next?") by name, ' +
      'by "generate image" and by vendor',
    async run(page, base, shots) {
      // "What happens next?" hides AI nodes that are not root nodes: the codex must say Root Nodes.
      await openPickerAfterLastNode(page, base, 'igGptTextToImage');
      if (!/What happens next/i.test(await page.locator('[data-test-id="node-creator"]').innerText()))
        throw new Error('the + did not open "What happens next?"');
      for (const query of ['ImageGate', 'generate image', 'gptproto']) {
        const names = await pickerResults(page, query);
        if (!names.some((name) => name.trim() === 'ImageGate'))
          throw new Error(`searching "${query}" lists ${JSON.stringify(names)}`);
      }
      await pickerResults(page, 'generate image');
      await page.screenshot({ path: join(shots, 'node-picker.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a new node shows its Provider and starts on the flagship model',
    async run(page, base, shots) {
      await openPickerAfterLastNode(page, base, 'igGptTextToImage');
      await pickerResults(page, 'ImageGate');
      await page
        .locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: 'ImageGate' })
        .first()
        .click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shots, 'node-picker-actions.png') });
      await page
        .locator('[data-test-id="node-creator"]')
        .getByText('Generate an image from a text prompt', { exact: true })
        .first()
        .click();
      const labels = await panelLabels(page);
      expectLabels(labels, { shown: ['Provider', 'Model', 'Prompt'] });
      const values = await page
        .locator('[data-test-id="parameter-input-field"], [data-test-id="ndv"] input')
        .evaluateAll((inputs) => inputs.map((input) => input.value));
      if (!values.includes('gpt-image-2'))
        throw new Error(`the new node has no model preselected (inputs hold ${JSON.stringify(values)})`);
      if (!values.includes('GPTProto')) throw new Error('the Provider field does not show GPTProto');
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(shots, 'panel-new-node.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a model given by ID keeps its options',
    async run(page, base, shots) {
      const labels = await openPanel(page, base, 'igGptModelById', 'Generate', join(shots, 'panel-model-by-id.png'));
      expectLabels(labels, { shown: ['Provider', 'Model', 'Size', 'Output Format'] });
      const offered = await addOptionItems(
        page,
        base,
        'igGptModelById',
        'Generate',
        join(shots, 'panel-model-by-id-options.png'),
      );
      expectLabels(offered, { shown: ['Number of Images', 'Quality', 'Background', 'Moderation'] });
    },
  },
  {
    name: 'the canvas subtitle names the model and the provider',
    async run(page, base, shots) {
      await page.goto(`${base}/workflow/igNanoBananaPro2k`);
      const node = page.locator('[data-test-id="canvas-node"][data-node-name="Generate"]');
      await node.waitFor({ timeout: 20_000 });
      const text = await node.locator('..').locator('..').innerText();
      if (!/gemini-3-pro-image-preview · GPTProto/.test(text))
        throw new Error(`subtitle reads ${JSON.stringify(text)}`);
      await page.screenshot({ path: join(shots, 'canvas-subtitle.png') });
    },
  },
  {
    name: "GPTProto generate (gpt-image-2): Provider shown, the model's options, nothing it does not take",
    async run(page, base, shots) {
      const labels = await openPanel(
        page,
        base,
        'igGptTextToImage',
        'Generate',
        join(shots, 'panel-gptproto-generate.png'),
      );
      expectLabels(labels, {
        shown: ['Provider', 'Model', 'Prompt', 'Size', 'Options', 'Quality', 'Output Format'],
        hidden: ['Resolution', 'Aspect Ratio', 'Input Binary Field(s)', 'Input Image URLs', 'Output Compression'],
      });
      // Options → Add Option offers what gpt-image-2 takes, and nothing it does not.
      const offered = await addOptionItems(
        page,
        base,
        'igGptTextToImage',
        'Generate',
        join(shots, 'panel-gptproto-generate-options.png'),
      );
      expectLabels(offered, {
        shown: [
          'Number of Images',
          'Background',
          'Moderation',
          'Max Wait (Seconds)',
          'Put Output in Field',
          'Max Cost per Execution',
        ],
        hidden: ['Seed', 'Resolution'],
      });
    },
  },
  {
    name: "the Model list shows a model's price beside its name (here the credential's Prices)",
    async run(page, base, shots) {
      await openNode(page, base, 'igMaxCostContinue', 'Generate');
      await page.locator('[data-test-id="rlc-input"]').first().click({ timeout: 15_000 });
      const item = page.locator('[data-test-id="rlc-item"]', { hasText: 'GPT Image 2' }).first();
      await item.waitFor({ timeout: 15_000 });
      await item.hover();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(shots, 'panel-model-list-prices.png') });
      const names = (await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).map((t) => t.trim());
      if (!names.includes('GPT Image 2 · $0.04 per image (your price)'))
        throw new Error(`the Model list reads ${JSON.stringify(names)}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'GPTProto Nano Banana Pro: Aspect Ratio and Resolution',
    async run(page, base, shots) {
      const labels = await openPanel(
        page,
        base,
        'igNanoBananaPro2k',
        'Generate',
        join(shots, 'panel-gptproto-nano-banana-pro.png'),
      );
      expectLabels(labels, {
        shown: ['Provider', 'Aspect Ratio', 'Resolution', 'Wait for Completion'],
        hidden: ['Size', 'Quality', 'Background'],
      });
      const offered = await addOptionItems(
        page,
        base,
        'igNanoBananaPro2k',
        'Generate',
        join(shots, 'panel-gptproto-nano-banana-pro-options.png'),
      );
      expectLabels(offered, {
        shown: ['Number of Images', 'Output Format'],
        hidden: ['Quality', 'Background', 'Moderation', 'Output Compression'],
      });
    },
  },
  {
    name: 'GPTProto edit (Gemini): input binary fields, no URLs, no mask',
    async run(page, base, shots) {
      const labels = await openPanel(page, base, 'igEditFromBinary', 'Edit', join(shots, 'panel-gptproto-edit.png'));
      expectLabels(labels, {
        shown: ['Provider', 'Input Binary Field(s)', 'Aspect Ratio'],
        hidden: ['Input Image URLs', 'Mask Binary Field', 'Reference Image Binary Properties'],
      });
    },
  },
  {
    name:
      'the Check Once template: Done and Pending outputs on the canvas, ' +
      "the task step's panel, a Wait of at least 65 s",
    async run(page, base, shots) {
      await page.goto(`${base}/workflow/igTplCheckOnceLoop`);
      const node = page.locator('[data-test-id="canvas-node"][data-node-name="Check Once"]');
      await node.waitFor({ timeout: 20_000 });
      const canvas = await page.locator('[data-test-id="canvas-wrapper"], #canvas, body').first().innerText();
      for (const label of ['Done', 'Pending'])
        if (!canvas.includes(label))
          throw new Error(`the canvas does not show the ${label} output: ${JSON.stringify(canvas.slice(0, 400))}`);
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shots, 'template-check-once-loop.png') });
      expectLabels(
        await openPanel(page, base, 'igTplCheckOnceLoop', 'Check Once', join(shots, 'panel-check-once.png')),
        { shown: ['Provider', 'Resource', 'Operation', 'Task'], hidden: ['Prompt', 'Model'] },
      );
      await openNode(page, base, 'igTplCheckOnceLoop', 'Wait Until Next Check');
      await page.locator('[data-test-id="parameter-item"]').first().waitFor({ timeout: 15_000 });
      const panel = await page.locator('[data-test-id="ndv"]').innerText();
      if (!panel.includes('Math.max($json.nextCheckSeconds, 65)'))
        throw new Error(`the Wait node's amount is not the 65-s floor: ${JSON.stringify(panel.slice(0, 600))}`);
      await page.screenshot({ path: join(shots, 'panel-check-once-wait.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'ToAPIs generate and edit: waiting fields, reference URLs',
    async run(page, base, shots) {
      expectLabels(await openPanel(page, base, 'igToApisAsync', 'Generate', join(shots, 'panel-toapis-generate.png')), {
        shown: ['Provider', 'Aspect Ratio', 'Wait for Completion'],
      });
      expectLabels(await openPanel(page, base, 'igToApisEditUpload', 'Edit', join(shots, 'panel-toapis-edit.png')), {
        shown: ['Provider', 'Input Binary Field(s)', 'Input Image URLs'],
      });
    },
  },
];
