import { ImageGateError } from '@imagegate/core';
import { mapSettled } from '@imagegate/core/provider';
import {
  NodeConnectionTypes,
  NodeOperationError,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { readParallel } from '../fields/options-collection.js';
import { outputsExpression, routeOutputs, runOperation } from '../operations/router.js';
import { findNodeProvider, type NodeProvider } from '../provider/node-provider.js';
import { startRun } from '../shared/run-shared.js';
import { toNodeError } from '../shared/to-node-error.js';
import { failureContext, failureJson } from './failure-item.js';
import { findBudgetCut } from './max-cost.js';
import { nodeProperties } from './node-properties.js';
import { searchModelsIn } from './search-models.js';

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
    outputs: outputsExpression(),
    // `hide` for the other providers rather than `show` for this one: n8n hides a parameter that
    // every credential is shown by (it takes it for an authentication switch), and Provider must stay visible.
    credentials: providers.map((p) => ({
      name: p.credentialType,
      required: true,
      ...(providers.length > 1
        ? { displayOptions: { hide: { provider: providers.filter((o) => o.id !== p.id).map((o) => o.id) } } }
        : {}),
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
  if (providers.length === 1)
    return `={{ $parameter["model"] ? ${model} + " · " + $parameter["operation"] : $parameter["operation"] }}`;
  const names = JSON.stringify(Object.fromEntries(providers.map((p) => [p.id, p.displayName])));
  return (
    `={{ ($parameter["model"] ? ${model} + " · " : $parameter["operation"] + " · ") + ` +
    `(${names})[$parameter["provider"]] }}`
  );
}

/** The node's `methods`: the Model list. */
export function imageNodeMethods(providers: readonly NodeProvider[]) {
  return { listSearch: { searchModels: searchModelsIn(providers) } };
}

/**
 * Run an image node: every input item becomes one request (or one task
 * step), Parallel Requests at a time, with failures in the panel's words.
 * Max Cost per Execution is checked over all items before any is sent.
 */
export async function executeImageNode(
  fns: IExecuteFunctions,
  providers: readonly NodeProvider[],
): Promise<INodeExecutionData[][]> {
  const items = fns.getInputData();
  const providerId = fns.getNodeParameter('provider', 0, providers[0]!.id) as string;
  const entry = providers.length === 1 ? providers[0] : findNodeProvider(providers, providerId);
  if (!entry) throw new NodeOperationError(fns.getNode(), `Unknown provider "${providerId}"`);
  const shared = await startRun(fns, entry, providers.length > 1);
  const parallel = readParallel(fns);

  const continueOnFail = fns.continueOnFail();
  const cut = await findBudgetCut(fns, shared);
  // Without Continue On Fail, fail before sending anything: no paid image is lost to a failed execution.
  if (cut && !continueOnFail)
    throw new NodeOperationError(fns.getNode(), `${cut.reason}. Nothing was sent for any item.`, {
      itemIndex: cut.index,
      description: cut.description,
    });
  const overBudget =
    cut &&
    new ImageGateError(
      'INVALID_REQUEST',
      `${cut.reason}. Nothing was sent for item ${cut.index} or the items after it.`,
      // No model: each error item names its own.
      { field: 'maxCost', provider: entry.id, retryable: false },
    );
  // Without Continue On Fail the first failure ends the run: items not yet
  // started are skipped rather than paid for.
  let stop = false;
  const settled = await mapSettled(items, parallel, async (_item, i): Promise<ItemOutcome> => {
    if (stop) return { skipped: true };
    if (overBudget && i >= cut.index) return { error: overBudget };
    try {
      return { items: await runOperation(fns, shared, i) };
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
      const json = failureJson(fns, outcome.error, i, entry, context);
      if (cut && outcome.error === overBudget) json.description = cut.description;
      output.push({ json, pairedItem: { item: i } });
    }
  }
  return routeOutputs(fns, output);
}

/** How one input item ended. */
type ItemOutcome = { items: INodeExecutionData[] } | { error: unknown } | { skipped: true };
