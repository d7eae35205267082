import type { RunOptions } from '@imagegate/core';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { NodeProvider } from '../provider/node-provider.js';
import { LABELS } from '../shared/labels.js';
import type { OutputOptions } from '../shared/to-output.js';
import { asyncProviders } from './image-request-parameters.js';
import { modelOptions } from './model-parameters.js';
import type { ShownFor } from './shown-for.js';

/** Options → Max Wait (Seconds) when unset. */
export const DEFAULT_MAX_WAIT_SECONDS = 300;

/** Where the Options collection and its parts show. */
export interface OptionsShownFor {
  /** The collection: the operations that output images. */
  options: ShownFor;
  /** The model's tunables and Provider Options: the operations that make an image request. */
  image: ShownFor;
}

/**
 * The Options collection: the model's tunables (from the manifests), how
 * long and how often to wait, how images are output, the provider's own
 * options, and Parallel Requests.
 */
export function optionsCollection(providers: readonly NodeProvider[], shownFor: OptionsShownFor): INodeProperties {
  const waiting = asyncProviders(providers);
  return {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show: { ...shownFor.options } },
    options: [
      ...modelOptions(providers, shownFor.image),
      {
        displayName: LABELS.maxWait,
        name: 'maxWaitSeconds',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: DEFAULT_MAX_WAIT_SECONDS,
        displayOptions: { show: { '/provider': waiting } },
        description:
          'Give up after this long; ' +
          'with Continue On Fail the item keeps the task handle so a later step can collect it',
      },
      {
        displayName: LABELS.pollInterval,
        name: 'pollIntervalSeconds',
        type: 'number',
        typeOptions: { minValue: 0, numberPrecision: 2 },
        default: 0,
        displayOptions: { show: { '/provider': waiting } },
        description:
          "Seconds between status checks (it then adapts to the task's progress; never under 0.25); " +
          "0 follows the vendor's guidance, including any minimum it asks for between checks (ToAPIs: 5 s), " +
          'which a set interval replaces',
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
        description:
          "Whether to return the vendor's image URLs without downloading them (small output for AI agents); " +
          'only for providers that answer with URLs, and the URLs expire',
      },
      {
        displayName: LABELS.providerOptions,
        name: 'providerOptions',
        type: 'json',
        default: '{}',
        displayOptions: { show: { '/resource': shownFor.image.resource } },
        description:
          "The provider's own request options as JSON (see its README), " +
          "checked against the provider's schema before anything is sent",
      },
      {
        displayName: LABELS.maxCost,
        name: 'maxCost',
        type: 'number',
        typeOptions: { minValue: 0, numberPrecision: 4 },
        default: 1,
        displayOptions: { show: { '/resource': shownFor.image.resource, '/operation': shownFor.image.operation } },
        description:
          "The most this node may spend in one execution, over all its items, in the price's currency " +
          "(the model list's prices, or the credential's Prices). Checked before anything is sent: " +
          'items beyond it are not sent, nor are items whose cost cannot be estimated.',
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
  };
}

/** Put Output in Field, Multiple Images and Return URLs Only of item `i`. */
export function readOutputOptions(fns: IExecuteFunctions, i: number): OutputOptions {
  const options = fns.getNodeParameter('options', i, {}) as IDataObject;
  return {
    outputBinaryField: String(options.outputBinaryField || 'data'),
    outputMode: options.outputMode === 'oneItem' ? 'oneItem' : 'itemPerImage',
    urlsOnly: options.urlsOnly === true,
  };
}

/** Max Wait and Poll Interval, as core's run options. */
export function readWaitOptions(fns: IExecuteFunctions, i: number): Pick<RunOptions, 'timeoutMs' | 'poll'> {
  const options = fns.getNodeParameter('options', i, {}) as IDataObject;
  const maxWait = Number(options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
  const interval = Number(options.pollIntervalSeconds ?? 0);
  return {
    timeoutMs: Math.max(1, maxWait) * 1000,
    // A set interval replaces the vendor's hints for the first check and the ones after.
    ...(interval > 0 ? { poll: { initialDelayMs: interval * 1000, intervalMs: interval * 1000 } } : {}),
  };
}

/** Max Cost per Execution (read once, from the first item: it bounds the whole execution); undefined when unset. */
export function readMaxCost(fns: IExecuteFunctions): number | undefined {
  const value = (fns.getNodeParameter('options', 0, {}) as IDataObject).maxCost;
  // An expression may give it as text.
  const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof limit === 'number' && Number.isFinite(limit) ? limit : undefined;
}

/** Parallel Requests, 1 to 10 (read once, from the first item). */
export function readParallel(fns: IExecuteFunctions): number {
  return Math.min(10, Math.max(1, Number((fns.getNodeParameter('options', 0, {}) as IDataObject).parallel ?? 1)));
}
