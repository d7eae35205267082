import { ImageGateError } from '@imagegate/core';
import { lookupModel, mapSettled } from '@imagegate/core/provider';
import {
  NodeConnectionTypes,
  NodeOperationError,
  sleep,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { nodeProperties } from './description/node-properties.js';
import { DEFAULT_MAX_WAIT_SECONDS, runItem, type RunShared } from './execute/run-item.js';
import { LABELS } from './description/labels.js';
import { describeFailure, type FailureContext } from './execute/describe-failure.js';
import { toNodeError } from './execute/to-node-error.js';
import { searchModels } from './methods/search-models.js';
import { PROVIDERS, providerEntry, type ProviderEntry } from './providers.js';
import { n8nResultDownloads } from './transport/n8n-binary-store.js';
import { n8nTransport } from './transport/n8n-transport.js';

/**
 * ImageGate for n8n: generate and edit images through GPTProto and ToAPIs,
 * waiting on asynchronous tasks inside the node or across steps.
 */
export class ImageGate implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'ImageGate',
    name: 'imageGate',
    icon: { light: 'file:imagegate.svg', dark: 'file:imagegate.dark.svg' },
    group: ['transform'],
    version: 1,
    // n8n hands a resource locator's value to the subtitle as a plain string (older versions as { value }).
    subtitle: `={{ ($parameter["model"] ? ($parameter["model"].value || $parameter["model"]) + " · " : $parameter["operation"] + " · ") + (${JSON.stringify(Object.fromEntries(PROVIDERS.map((p) => [p.id, p.displayName])))})[$parameter["provider"]] }}`,
    description: 'Generate and edit AI images through GPTProto and ToAPIs',
    defaults: { name: 'ImageGate' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    // `hide` for the other providers rather than `show` for this one: n8n hides a parameter that
    // every credential is shown by (it takes it for an authentication switch), and Provider must stay visible.
    credentials: PROVIDERS.map((p) => ({ name: p.credentialType, required: true, displayOptions: { hide: { provider: PROVIDERS.filter((o) => o.id !== p.id).map((o) => o.id) } } })),
    properties: nodeProperties,
  };

  methods = { listSearch: { searchModels } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const providerId = this.getNodeParameter('provider', 0) as string;
    const entry = providerEntry(providerId);
    if (!entry) throw new NodeOperationError(this.getNode(), `Unknown provider "${providerId}"`);
    const credentials = await this.getCredentials(entry.credentialType);
    const downloads = n8nResultDownloads(this);
    const shared: RunShared = {
      provider: entry.create(credentials, n8nTransport(this, entry.credentialType)),
      run: {
        // Stopping the execution in the UI stops HTTP and polling at once.
        signal: this.getExecutionCancelSignal(),
        sleep: (ms, signal) => sleep(ms, signal),
        // Result downloads go to the vendor's CDN without the credential.
        transport: downloads.transport,
        maxRetries: 2,
      },
      downloads,
    };
    const parallel = Math.min(10, Math.max(1, Number((this.getNodeParameter('options', 0, {}) as IDataObject).parallel ?? 1)));

    const continueOnFail = this.continueOnFail();
    // Without Continue On Fail the first failure ends the run: items not yet
    // started are skipped rather than paid for.
    let stop = false;
    const settled = await mapSettled(items, parallel, async (_item, i): Promise<ItemOutcome> => {
      if (stop) return { skipped: true };
      try {
        return { items: await runItem(this, shared, i) };
      } catch (error) {
        stop = !continueOnFail;
        return { error };
      }
    });
    const output: INodeExecutionData[] = [];
    for (const [i, result] of settled.entries()) {
      const outcome: ItemOutcome = result.status === 'fulfilled' ? result.value : { error: result.reason };
      if ('items' in outcome) output.push(...outcome.items);
      else if ('error' in outcome) {
        const context = failureContext(this, entry, i);
        if (!continueOnFail) throw toNodeError(this.getNode(), outcome.error, i, context);
        output.push({ json: failureJson(this, outcome.error, i, entry, context), pairedItem: { item: i } });
      }
    }
    return [output];
  }
}

/** How a failure of item `i` is worded: the provider's name, the size parameter's label, Max Wait. */
function failureContext(fns: IExecuteFunctions, entry: ProviderEntry, i: number): FailureContext {
  const model = lookupModel(entry.models, String(optionalParameter(fns, 'model', i) ?? ''));
  const maxWait = Number(((optionalParameter(fns, 'options', i) ?? {}) as IDataObject).maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
  return { providerName: entry.displayName, sizeLabel: model?.sizes.kind === 'aspect-ratio' ? LABELS.aspectRatio : LABELS.size, maxWaitSeconds: maxWait };
}

/**
 * The output item of a failed input item under Continue On Fail: the message
 * and what to do, the code and HTTP status, and what was asked (provider,
 * model, prompt) and the task, so a later step can branch, retry or collect.
 */
function failureJson(fns: IExecuteFunctions, error: unknown, i: number, entry: ProviderEntry, context: FailureContext): IDataObject {
  const { message, description } = describeFailure(error, context);
  const prompt = optionalParameter(fns, 'prompt', i);
  const json: IDataObject = {
    error: message,
    ...(description ? { description } : {}),
    provider: entry.id,
  };
  if (!ImageGateError.is(error)) return json;
  const model = error.model ?? error.task?.model ?? optionalParameter(fns, 'model', i);
  return {
    ...json,
    ...(model ? { model: String(model) } : {}),
    ...(typeof prompt === 'string' && prompt ? { prompt } : {}),
    code: error.code,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.field ? { field: error.field } : {}),
    ...(error.taskId ? { taskId: error.taskId } : {}),
    ...(error.task ? { task: error.task as unknown as IDataObject } : {}),
    ...(error.tasks?.length ? { tasks: error.tasks as unknown as IDataObject[] } : {}),
  };
}

/** A parameter that may not exist for this resource or operation: undefined then. */
function optionalParameter(fns: IExecuteFunctions, name: string, i: number): unknown {
  try {
    return fns.getNodeParameter(name, i, undefined, name === 'model' ? { extractValue: true } : undefined);
  } catch {
    return undefined;
  }
}

/** How one input item ended. */
type ItemOutcome = { items: INodeExecutionData[] } | { error: unknown } | { skipped: true };

