import type { ImageRequest } from '@imagegate/core';
import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeProperties,
} from 'n8n-workflow';
import type { ShownFor } from '../fields/shown-for.js';
import type { RunShared } from '../shared/run-shared.js';
import { edit } from './image/edit.js';
import { generate } from './image/generate.js';
import type { NodeOperation, SharedParameter } from './operation.js';
import { checkOnce } from './task/check-once.js';
import { getStatus } from './task/get-status.js';
import { wait } from './task/wait.js';

/** A resource of the node and its operations. */
interface NodeResource {
  value: string;
  name: string;
  /** In the Operation list's order. */
  operations: readonly NodeOperation[];
  /** The operation a new node (or a workflow naming none the panel knows) starts on; the first when unset. */
  defaultOperation?: NodeOperation;
}

/**
 * The node's resources and operations, in the panel's order. Everything else
 * follows from this list: the Resource and Operation parameters, which
 * operation runs, where each shared parameter shows, and the node's outputs.
 */
const RESOURCES: readonly NodeResource[] = [
  { value: 'image', name: 'Image', operations: [generate, edit] },
  { value: 'task', name: 'Task', operations: [checkOnce, getStatus, wait], defaultOperation: wait },
];

const OPERATIONS: readonly NodeOperation[] = RESOURCES.flatMap((r) => r.operations);

const defaultOf = (resource: NodeResource): NodeOperation => resource.defaultOperation ?? resource.operations[0]!;

/**
 * The operation for a Resource and Operation. A pair the panel does not offer
 * (only a hand-edited workflow has one) runs as the panel would default it:
 * the first resource, then the resource's default operation.
 */
export function operationFor(resource: string, operation: string): NodeOperation {
  const group = RESOURCES.find((r) => r.value === resource) ?? RESOURCES[0]!;
  return group.operations.find((o) => o.value === operation) ?? defaultOf(group);
}

/** Run input item `i` through its operation: its output items. */
export async function runOperation(
  fns: IExecuteFunctions,
  shared: RunShared,
  i: number,
): Promise<INodeExecutionData[]> {
  return operationFor(
    fns.getNodeParameter('resource', i) as string,
    fns.getNodeParameter('operation', i) as string,
  ).execute(fns, shared, i);
}

/** The image request input item `i` would send, read without sending it; undefined for an operation that sends none. */
export async function readItemRequest(fns: IExecuteFunctions, i: number): Promise<ImageRequest | undefined> {
  const operation = operationFor(
    fns.getNodeParameter('resource', i) as string,
    fns.getNodeParameter('operation', i) as string,
  );
  return operation.readRequest?.(fns, i);
}

/**
 * The node's output items, on its outputs: the operation's own (Check Once's Done and Pending), or the one Main
 * output.
 */
export function routeOutputs(fns: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[][] {
  const operation = operationFor(
    fns.getNodeParameter('resource', 0) as string,
    fns.getNodeParameter('operation', 0) as string,
  );
  return operation.outputs ? operation.outputs.route(items) : [items];
}

/**
 * The node's `outputs`: an expression naming the outputs of the operations that have several; one Main output
 * otherwise.
 */
export function outputsExpression(): `={{${string}}}` {
  const main = NodeConnectionTypes.Main;
  const branches = OPERATIONS.filter((o) => o.outputs).map(
    (o) =>
      `$parameter["resource"] === "${o.resource}" && $parameter["operation"] === "${o.value}" ? ` +
      `[${o.outputs!.names.map((name) => `{ type: "${main}", displayName: "${name}" }`).join(', ')}] : `,
  );
  return `={{ ${branches.join('')}["${main}"] }}`;
}

/** The Resource parameter, and one Operation parameter per resource. */
export function selectorProperties(): INodeProperties[] {
  return [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: RESOURCES.map((r) => ({ name: r.name, value: r.value })),
      default: RESOURCES[0]!.value,
    },
    ...RESOURCES.map((r): INodeProperties => ({
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: [r.value] } },
      // The action is also what an AI Agent reads about the node used as a tool.
      options: r.operations.map((o) => ({
        name: o.name,
        value: o.value,
        action: o.action,
        description: o.description,
      })),
      default: defaultOf(r).value,
    })),
  ];
}

/** Every operation's own parameters, in the list's order. */
export function ownProperties(): INodeProperties[] {
  return OPERATIONS.flatMap((o) => o.properties ?? []);
}

/**
 * Where a shared parameter shows: the operations that list it (each resource's default operation first, as the panel
 * has always listed them).
 */
export function shownFor(parameter: SharedParameter): ShownFor {
  const users = RESOURCES.flatMap((r) => [defaultOf(r), ...r.operations.filter((o) => o !== defaultOf(r))]).filter(
    (o) => o.shows.includes(parameter),
  );
  return { resource: [...new Set(users.map((o) => o.resource))], operation: users.map((o) => o.value) };
}
