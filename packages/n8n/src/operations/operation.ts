import type { ImageRequest } from '@imagegate/core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { RunShared } from '../shared/run-shared.js';

/**
 * Parameters several operations share (in `fields/`); an operation lists the
 * ones it shows, and the router derives where each is shown from that.
 * - `imageRequest`: Model, Prompt, the model's size and resolution, Wait for Completion, its tunables and Provider
 *   Options
 * - `referenceImages`: the reference-image parameters the manifests add (Input Image URLs, Mask Binary Field)
 * - `task`: the Task parameter (shown for the whole resource of the operations that take it)
 * - `options`: the Options collection (waiting, output, Parallel Requests)
 */
export type SharedParameter = 'imageRequest' | 'referenceImages' | 'task' | 'options';

/** One operation of the node: its entry in the Operation list, its parameters, and what it does for one item. */
export interface NodeOperation {
  /** The Resource it belongs to (`image`, `task`). */
  resource: string;
  /** The Operation parameter's value. */
  value: string;
  /** Its name in the Operation list. */
  name: string;
  /** What an AI Agent reads about the node used as a tool for this operation. */
  action: string;
  description: string;
  /** The shared parameters it shows. */
  shows: readonly SharedParameter[];
  /** Its own parameters, shown for it alone (with their displayOptions). */
  properties?: readonly INodeProperties[];
  /** Outputs other than the one Main output: their names, and which output items go to each. */
  outputs?: { names: readonly string[]; route(items: INodeExecutionData[]): INodeExecutionData[][] };
  /**
   * The image request item `i` sends, for the operations that send one (Generate, Edit): what Max Cost per
   * Execution estimates before anything is sent. Reading it sends nothing.
   */
  readRequest?(fns: IExecuteFunctions, i: number): Promise<ImageRequest>;
  /** Run it for input item `i`: its output items (a failure throws). */
  execute(fns: IExecuteFunctions, shared: RunShared, i: number): Promise<INodeExecutionData[]>;
}
