import type { INodeProperties } from 'n8n-workflow';
import type { NodeProvider } from '../node-provider.js';
import { DEFAULT_MAX_WAIT_SECONDS } from '../execute/run-item.js';
import { LABELS } from './labels.js';
import { modelOptions, modelProperties } from './model-properties.js';

const image = (operation: string[] = ['generate', 'edit']) => ({ show: { resource: ['image'], operation } });

/**
 * Every parameter of an image node for these providers, in the order the UI
 * shows them. With one provider the Provider parameter is hidden (its value
 * fixed), so every rule that depends on it holds unchanged.
 */
export function nodeProperties(providers: readonly NodeProvider[]): INodeProperties[] {
  // Providers with asynchronous models: only they have anything to wait for.
  const asyncProviders = providers.filter((p) => p.models.some((m) => m.async)).map((p) => p.id);
  return [
  providers.length > 1
    ? {
        displayName: LABELS.provider,
        name: 'provider',
        type: 'options',
        noDataExpression: true,
        options: providers.map((p) => ({ name: p.displayName, value: p.id })),
        default: providers[0]!.id,
        description: 'The image vendor to use; each has its own credential',
      }
    : { displayName: LABELS.provider, name: 'provider', type: 'hidden', default: providers[0]!.id },
  {
    displayName: 'Resource',
    name: 'resource',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'Image', value: 'image' },
      { name: 'Task', value: 'task' },
    ],
    default: 'image',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['image'] } },
    options: [
      // The action is also what an AI Agent reads about the node used as a tool.
      { name: 'Generate', value: 'generate', action: 'Generate an image from a text prompt', description: 'Create images from a text prompt' },
      { name: 'Edit', value: 'edit', action: 'Edit an image with a text prompt', description: 'Create images from a prompt and reference images' },
    ],
    default: 'generate',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['task'] } },
    options: [
      {
        name: 'Check Once',
        value: 'checkOnce',
        action: 'Check tasks once and route finished from pending',
        description: 'Poll each task once: finished tasks go to the Done output with their images, the others to Pending with their handle and nextCheckSeconds, for a Wait node to loop on. A check that failed for a passing reason (rate limit, vendor error, network) also goes to Pending, with checkFailed',
      },
      { name: 'Get Status', value: 'getStatus', action: 'Get the status of a task', description: 'Poll a submitted task once' },
      { name: LABELS.waitOperation, value: 'wait', action: 'Wait for a task to complete', description: 'Poll a submitted task until it finishes, then return its images' },
    ],
    default: 'wait',
  },
  // One Model parameter per provider, so a new node starts on that provider's flagship.
  ...providers.map(
    (provider): INodeProperties => ({
      displayName: LABELS.model,
      name: 'model',
      type: 'resourceLocator',
      default: { mode: 'list', value: provider.defaultModel },
      required: true,
      displayOptions: { show: { provider: [provider.id], ...image().show } },
      modes: [
        {
          displayName: 'From List',
          name: 'list',
          type: 'list',
          typeOptions: { searchListMethod: 'searchModels', searchable: true },
        },
        {
          displayName: 'By ID',
          name: 'id',
          type: 'string',
          placeholder: `e.g. ${provider.defaultModel}`,
          hint: 'A listed model shows its own options below; a model not listed yet runs with its family\'s limits',
        },
      ],
      description: 'The model to use; the list shows the models of this provider that support this operation',
    }),
  ),
  {
    displayName: LABELS.prompt,
    name: 'prompt',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    required: true,
    displayOptions: image(),
    placeholder: 'e.g. A watercolor fox reading a map',
    description: 'What to draw, or how to change the reference images',
  },
  {
    displayName: LABELS.images,
    name: 'inputBinaryFields',
    type: 'string',
    default: 'data',
    displayOptions: image(['edit']),
    placeholder: 'data, data_1',
    hint: 'Comma-separated binary fields of the input item',
    description: 'The binary fields of the input item to send as reference images; leave empty to use URLs only',
  },
  ...modelProperties(providers),
  {
    displayName: LABELS.task,
    name: 'task',
    type: 'json',
    default: '={{ $json.task }}',
    required: true,
    displayOptions: { show: { resource: ['task'] } },
    description: 'The task handle a Generate or Edit step returned with Wait for Completion off (its "task" field), or a task id alone (as an error message names it)',
  },
  {
    displayName: LABELS.waitForCompletion,
    name: 'waitForCompletion',
    type: 'boolean',
    default: true,
    displayOptions: { show: { ...image().show, provider: asyncProviders } },
    description: 'Whether to wait for asynchronous tasks to finish; when off, the output is the task handle to collect later with Task → Wait for Completion (models that answer at once still return their images)',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show: { resource: ['image', 'task'], operation: ['generate', 'edit', 'wait', 'checkOnce'] } },
    options: [
      ...modelOptions(providers),
      {
        displayName: LABELS.maxWait,
        name: 'maxWaitSeconds',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: DEFAULT_MAX_WAIT_SECONDS,
        displayOptions: { show: { '/provider': asyncProviders } },
        description: 'Give up after this long; with Continue On Fail the item keeps the task handle so a later step can collect it',
      },
      {
        displayName: LABELS.pollInterval,
        name: 'pollIntervalSeconds',
        type: 'number',
        typeOptions: { minValue: 0, numberPrecision: 2 },
        default: 0,
        displayOptions: { show: { '/provider': asyncProviders } },
        description: 'Seconds between status checks (it then adapts to the task\'s progress; never under 0.25); 0 follows the vendor\'s guidance, including any minimum it asks for between checks (ToAPIs: 5 s), which a set interval replaces',
      },
      {
        displayName: 'Put Output in Field',
        name: 'outputBinaryField',
        type: 'string',
        default: 'data',
        description: 'The binary field the images are written to (data, data_1, … when several share one item)',
      },
      {
        displayName: 'Multiple Images',
        name: 'outputMode',
        type: 'options',
        options: [
          { name: 'One Item per Image', value: 'itemPerImage' },
          { name: 'All in One Item (Data, Data_1, …)', value: 'oneItem' },
        ],
        default: 'itemPerImage',
        description: 'How to output several images of one request',
      },
      {
        displayName: 'Return URLs Only',
        name: 'urlsOnly',
        type: 'boolean',
        default: false,
        description: 'Whether to return the vendor\'s image URLs without downloading them (small output for AI agents); only for providers that answer with URLs, and the URLs expire',
      },
      {
        displayName: LABELS.providerOptions,
        name: 'providerOptions',
        type: 'json',
        default: '{}',
        displayOptions: { show: { '/resource': ['image'] } },
        description: 'The provider\'s own request options as JSON (see its README), checked against the provider\'s schema before anything is sent',
      },
      {
        displayName: 'Parallel Requests',
        name: 'parallel',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 10 },
        default: 1,
        description: 'How many input items to process at once; output order stays the input order',
      },
    ],
  },
];
}
