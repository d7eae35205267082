// The workflows the queue-mode tests drive, each behind a production webhook.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from './n8n-harness.mjs';

export const MODEL = 'gemini-3-pro-image-preview';
const NODE_TYPE = 'n8n-nodes-imagegate.imageGate';
const CREDENTIAL_TYPE = 'imageGateToApisApi';

/** A ToAPIs credential for an emulator. */
export function credential(id, emulator, apiKey) {
  return { id, name: `ToAPIs (${id})`, type: CREDENTIAL_TYPE, data: { apiKey, baseUrl: emulator.url } };
}

const credentials = (id) => ({ [CREDENTIAL_TYPE]: { id, name: `ToAPIs (${id})` } });

/**
 * A Webhook trigger. `onReceived` answers at once (for executions that outlive
 * an HTTP call); `lastNode` answers with the last node's output.
 */
function webhook(path, responseMode) {
  const ids = Buffer.from(path.padEnd(16, '-').slice(0, 16)).toString('hex');
  const webhookId =
    `${ids.slice(0, 8)}-${ids.slice(8, 12)}-${ids.slice(12, 16)}-` + `${ids.slice(16, 20)}-${ids.slice(20, 32)}`;
  const options = responseMode === 'lastNode' ? { responseMode, responseData: 'allEntries' } : { responseMode };
  return {
    id: 'hook',
    name: 'Webhook',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: [0, 0],
    webhookId,
    parameters: { httpMethod: 'POST', path, ...options, options: {} },
  };
}

function imageGate(name, credentialId, parameters, position) {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    type: NODE_TYPE,
    typeVersion: 1,
    position,
    parameters: { provider: 'toapis', ...parameters },
    credentials: credentials(credentialId),
  };
}

const generate = (extra) => ({
  resource: 'image',
  operation: 'generate',
  model: { __rl: true, mode: 'list', value: MODEL },
  prompt: '={{ $json.body.prompt }}',
  size: '1:1',
  ...extra,
});
const chain = (...names) =>
  Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );

/** Webhook → one image per prompt in `body.prompts`, waited on in the node; answers with the images. */
export function promptsWorkflow({ id, path, credentialId, parallel }) {
  return {
    id,
    name: 'ImageGate in queue mode: images per webhook call',
    nodes: [
      webhook(path, 'lastNode'),
      {
        id: 'split',
        name: 'Prompts',
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [220, 0],
        parameters: { jsCode: 'return $json.body.prompts.map((prompt) => ({ json: { body: { prompt } } }));' },
      },
      imageGate('Generate', credentialId, generate({ options: { parallel, pollIntervalSeconds: 0.5 } }), [440, 0]),
    ],
    connections: chain('Webhook', 'Prompts', 'Generate'),
    settings: { executionOrder: 'v1' },
  };
}

/** Webhook → Generate, waiting inside the node (the default) for as long as the task takes. */
export function inNodeWorkflow({ id, path, credentialId }) {
  return {
    id,
    name: 'ImageGate in queue mode: waiting inside the node',
    nodes: [
      webhook(path, 'onReceived'),
      imageGate('Generate', credentialId, generate({ options: { maxWaitSeconds: 900 } }), [220, 0]),
    ],
    connections: chain('Webhook', 'Generate'),
    settings: { executionOrder: 'v1' },
  };
}

/** Webhook → Submit (waiting off) → n8n's Wait node (parked in the database) → Task → Wait for Completion. */
export function parkWorkflow({ id, path, credentialId, waitSeconds }) {
  return {
    id,
    name: 'ImageGate in queue mode: submit, park, collect',
    nodes: [
      webhook(path, 'onReceived'),
      imageGate('Submit', credentialId, generate({ waitForCompletion: false }), [220, 0]),
      {
        id: 'wait',
        name: 'Wait',
        type: 'n8n-nodes-base.wait',
        typeVersion: 1.1,
        position: [440, 0],
        webhookId: '5d9c1a7e-2b4f-4e8a-9c3d-7a6b5e4f3d21',
        parameters: { amount: waitSeconds, unit: 'seconds' },
      },
      imageGate(
        'Collect',
        credentialId,
        { resource: 'task', operation: 'wait', task: '={{ $json.task }}', options: { maxWaitSeconds: 900 } },
        [660, 0],
      ),
    ],
    connections: chain('Webhook', 'Submit', 'Wait', 'Collect'),
    settings: { executionOrder: 'v1' },
  };
}

/**
 * Webhook → Task → Wait for Completion of `body.taskId`, answering with the image: how a user collects a task from
 * the log.
 */
export function collectWorkflow({ id, path, credentialId }) {
  return {
    id,
    name: 'ImageGate in queue mode: collect a task by its id',
    nodes: [
      webhook(path, 'lastNode'),
      imageGate(
        'Collect',
        credentialId,
        { resource: 'task', operation: 'wait', task: '={{ $json.body.taskId }}', options: { maxWaitSeconds: 900 } },
        [220, 0],
      ),
    ],
    connections: chain('Webhook', 'Collect'),
    settings: { executionOrder: 'v1' },
  };
}

/**
 * The Check Once template (templates/check-once-loop.json) as a user
 * imports it: behind a webhook instead of the manual trigger, with the
 * user's credential chosen on its ImageGate nodes. Its prompt stays the template's.
 */
export function checkOnceLoopWorkflow({ id, path, credentialId }) {
  const template = JSON.parse(readFileSync(join(packageDir, 'templates', 'check-once-loop.json'), 'utf8'));
  const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
  const nodes = template.nodes.map((n) =>
    n === trigger
      ? { ...webhook(path, 'onReceived'), position: n.position }
      : n.type === NODE_TYPE
        ? { ...n, credentials: credentials(credentialId) }
        : n,
  );
  const connections = Object.fromEntries(
    Object.entries(template.connections).map(([from, to]) => [from === trigger.name ? 'Webhook' : from, to]),
  );
  return { ...template, id, name: `${template.name} (queue mode)`, nodes, connections };
}

/** The prompt of the template's Submit node (submits are counted by prompt). */
export function templatePrompt(workflow) {
  return workflow.nodes.find((n) => n.name === 'Submit').parameters.prompt;
}
