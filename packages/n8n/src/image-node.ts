import { ImageGateError } from '@imagegate/core';
import { lookupModel, mapSettled } from '@imagegate/core/provider';
import {
  NodeConnectionTypes,
  NodeOperationError,
  sleep,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { nodeProperties } from './description/node-properties.js';
import { DEFAULT_MAX_WAIT_SECONDS, runItem } from './execute/run-item.js';
import type { RunShared } from './execute/run-shared.js';
import { LABELS } from './description/labels.js';
import { describeFailure, type FailureContext } from './execute/describe-failure.js';
import { toNodeError } from './execute/to-node-error.js';
import { searchModelsIn } from './methods/search-models.js';
import { automaticAuth } from './credential.js';
import { findNodeProvider, type NodeProvider } from './node-provider.js';
import { n8nResultDownloads } from './transport/n8n-binary-store.js';
import { n8nTransport } from './transport/n8n-transport.js';

/** What a node package says about its node; the rest comes from the providers. */
export interface ImageNodeOptions {
  /** The node type's name, e.g. `imageGate` (the package name is put in front of it by n8n). */
  name: string;
  displayName: string;
  /** One line in the node picker. */
  description: string;
  /** The providers it offers; with one, the node has no Provider parameter. */
  providers: readonly NodeProvider[];
}

/**
 * The description of an image node (generate, edit, wait for tasks) for
 * these providers: the panel, the credentials and the subtitle all follow
 * from their manifests and definitions. The node class adds `icon`,
 * `subtitle` ({@link imageNodeSubtitle}) and `usableAsTool` itself: n8n's
 * lint reads them from the class.
 */
export function imageNodeDescription(options: ImageNodeOptions): INodeTypeDescription {
  const { providers } = options;
  if (providers.length === 0) throw new Error(`imageNodeDescription(${options.name}): no providers.`);
  return {
    displayName: options.displayName,
    name: options.name,
    group: ['transform'],
    version: 1,
    description: options.description,
    defaults: { name: options.displayName },
    inputs: [NodeConnectionTypes.Main],
    // Task → Check Once routes finished tasks (Done) apart from pending ones (Pending); every other operation has one output.
    outputs: `={{ $parameter["resource"] === "task" && $parameter["operation"] === "checkOnce" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Done" }, { type: "${NodeConnectionTypes.Main}", displayName: "Pending" }] : ["${NodeConnectionTypes.Main}"] }}`,
    // `hide` for the other providers rather than `show` for this one: n8n hides a parameter that
    // every credential is shown by (it takes it for an authentication switch), and Provider must stay visible.
    credentials: providers.map((p) => ({
      name: p.credentialType,
      required: true,
      ...(providers.length > 1 ? { displayOptions: { hide: { provider: providers.filter((o) => o.id !== p.id).map((o) => o.id) } } } : {}),
    })),
    properties: nodeProperties(providers),
  };
}

/**
 * The canvas subtitle: the model (n8n hands a resource locator's value over
 * as a plain string; older versions as { value }), and the provider or the
 * operation.
 */
export function imageNodeSubtitle(providers: readonly NodeProvider[]): string {
  const model = '($parameter["model"].value || $parameter["model"])';
  if (providers.length === 1) return `={{ $parameter["model"] ? ${model} + " · " + $parameter["operation"] : $parameter["operation"] }}`;
  const names = JSON.stringify(Object.fromEntries(providers.map((p) => [p.id, p.displayName])));
  return `={{ ($parameter["model"] ? ${model} + " · " : $parameter["operation"] + " · ") + (${names})[$parameter["provider"]] }}`;
}

/** The node's `methods`: the Model list. */
export function imageNodeMethods(providers: readonly NodeProvider[]) {
  return { listSearch: { searchModels: searchModelsIn(providers) } };
}

/**
 * Run an image node: every input item becomes one request (or one task
 * step), Parallel Requests at a time, with failures in the panel's words.
 */
export async function executeImageNode(fns: IExecuteFunctions, providers: readonly NodeProvider[]): Promise<INodeExecutionData[][]> {
  const items = fns.getInputData();
  const providerId = fns.getNodeParameter('provider', 0, providers[0]!.id) as string;
  const entry = providers.length === 1 ? providers[0] : findNodeProvider(providers, providerId);
  if (!entry) throw new NodeOperationError(fns.getNode(), `Unknown provider "${providerId}"`);
  const credentials = await fns.getCredentials(entry.credentialType);
  const downloads = n8nResultDownloads(fns);
  const shared: RunShared = {
    // With Automatic, core writes the key itself (so it can try the other form on a 401); otherwise n8n applies the credential.
    provider: entry.create(credentials, n8nTransport(fns, entry.definition.credentials.auth.schemes.length > 1 && automaticAuth(credentials) ? undefined : entry.credentialType)),
    run: {
      // Stopping the execution in the UI stops HTTP and polling at once.
      signal: fns.getExecutionCancelSignal(),
      sleep: (ms, signal) => sleep(ms, signal),
      // Result downloads go to the vendor's CDN without the credential.
      transport: downloads.transport,
      maxRetries: 2,
    },
    downloads,
    collect: { providerName: entry.displayName, choosesProvider: providers.length > 1 },
  };
  const parallel = Math.min(10, Math.max(1, Number((fns.getNodeParameter('options', 0, {}) as IDataObject).parallel ?? 1)));

  const continueOnFail = fns.continueOnFail();
  // Without Continue On Fail the first failure ends the run: items not yet
  // started are skipped rather than paid for.
  let stop = false;
  const settled = await mapSettled(items, parallel, async (_item, i): Promise<ItemOutcome> => {
    if (stop) return { skipped: true };
    try {
      return { items: await runItem(fns, shared, i) };
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
      const context = { ...failureContext(fns, entry, i), ...shared.collect };
      if (!continueOnFail) throw toNodeError(fns.getNode(), outcome.error, i, context);
      output.push({ json: failureJson(fns, outcome.error, i, entry, context), pairedItem: { item: i } });
    }
  }
  if (fns.getNodeParameter('resource', 0) === 'task' && fns.getNodeParameter('operation', 0) === 'checkOnce') {
    // Done (finished tasks' images, and failures under Continue On Fail) and Pending.
    return [output.filter((item) => item.json.done !== false), output.filter((item) => item.json.done === false)];
  }
  return [output];
}

/** How a failure of item `i` is worded: the provider's name, the size parameter's label, Max Wait. */
function failureContext(fns: IExecuteFunctions, entry: NodeProvider, i: number): FailureContext {
  const model = lookupModel(entry.models, String(optionalParameter(fns, 'model', i) ?? ''));
  const maxWait = Number(((optionalParameter(fns, 'options', i) ?? {}) as IDataObject).maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
  return { providerName: entry.displayName, sizeLabel: model?.sizes.kind === 'aspect-ratio' ? LABELS.aspectRatio : LABELS.size, maxWaitSeconds: maxWait };
}

/**
 * The output item of a failed input item under Continue On Fail: the message
 * and what to do, the code and HTTP status, and what was asked (provider,
 * model, prompt) and the task, so a later step can branch, retry or collect.
 */
function failureJson(fns: IExecuteFunctions, error: unknown, i: number, entry: NodeProvider, context: FailureContext): IDataObject {
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

