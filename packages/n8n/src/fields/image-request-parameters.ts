import type { INodeProperties } from 'n8n-workflow';
import type { NodeProvider } from '../provider/node-provider.js';
import { LABELS } from '../shared/labels.js';
import type { ShownFor } from './shown-for.js';

/** One Model parameter per provider, so a new node starts on that provider's flagship. */
export function modelParameter(providers: readonly NodeProvider[], image: ShownFor): INodeProperties[] {
  return providers.map((provider): INodeProperties => ({
    displayName: LABELS.model,
    name: 'model',
    type: 'resourceLocator',
    default: { mode: 'list', value: provider.defaultModel },
    required: true,
    displayOptions: { show: { provider: [provider.id], ...image } },
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
        hint: "A listed model shows its own options below; a model not listed yet runs with its family's limits",
      },
    ],
    description: 'The model to use; the list shows the models of this provider that support this operation',
  }));
}

export function promptParameter(image: ShownFor): INodeProperties {
  return {
    displayName: LABELS.prompt,
    name: 'prompt',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    required: true,
    displayOptions: { show: { ...image } },
    placeholder: 'e.g. A watercolor fox reading a map',
    description: 'What to draw, or how to change the reference images',
  };
}

/** Wait for Completion, for the providers with asynchronous models: only they have anything to wait for. */
export function waitForCompletionParameter(providers: readonly NodeProvider[], image: ShownFor): INodeProperties {
  return {
    displayName: LABELS.waitForCompletion,
    name: 'waitForCompletion',
    type: 'boolean',
    default: true,
    displayOptions: { show: { ...image, provider: asyncProviders(providers) } },
    description:
      'Whether to wait for asynchronous tasks to finish; when off, the output is the task handle to collect later ' +
      'with Task → Wait for Completion (models that answer at once still return their images)',
  };
}

/** The ids of the providers with asynchronous models. */
export function asyncProviders(providers: readonly NodeProvider[]): string[] {
  return providers.filter((p) => p.models.some((m) => m.async)).map((p) => p.id);
}
