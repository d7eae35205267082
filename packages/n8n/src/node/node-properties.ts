import type { INodeProperties } from 'n8n-workflow';
import { modelParameter, promptParameter, waitForCompletionParameter } from '../fields/image-request-parameters.js';
import { modelParameters } from '../fields/model-parameters.js';
import { optionsCollection } from '../fields/options-collection.js';
import { taskParameter } from '../fields/task-parameter.js';
import { ownProperties, selectorProperties, shownFor } from '../operations/router.js';
import type { NodeProvider } from '../provider/node-provider.js';
import { LABELS } from '../shared/labels.js';

/**
 * Every parameter of an image node for these providers, in the order the UI
 * shows them: Provider, Resource and Operation, then the parameters, each
 * shown for the operations that list it. With one provider the Provider
 * parameter is hidden (its value fixed), so every rule that depends on it
 * holds unchanged.
 */
export function nodeProperties(providers: readonly NodeProvider[]): INodeProperties[] {
  const image = shownFor('imageRequest');
  return [
    providerParameter(providers),
    ...selectorProperties(),
    ...modelParameter(providers, image),
    promptParameter(image),
    ...ownProperties(),
    ...modelParameters(providers, { image, references: shownFor('referenceImages') }),
    taskParameter(shownFor('task').resource),
    waitForCompletionParameter(providers, image),
    optionsCollection(providers, { options: shownFor('options'), image }),
  ];
}

function providerParameter(providers: readonly NodeProvider[]): INodeProperties {
  return providers.length > 1
    ? {
        displayName: LABELS.provider,
        name: 'provider',
        type: 'options',
        noDataExpression: true,
        options: providers.map((p) => ({ name: p.displayName, value: p.id })),
        default: providers[0]!.id,
        description: 'The image vendor to use; each has its own credential',
      }
    : { displayName: LABELS.provider, name: 'provider', type: 'hidden', default: providers[0]!.id };
}
