import type { RunOptions } from '@imagegate/core';
import type { IExecuteFunctions } from 'n8n-workflow';
import type { RunShared } from './run-shared.js';
import type { OutputOptions } from './to-output.js';

/**
 * How one request's result images are kept: downloaded straight into n8n's
 * binary store, named after their task (or `fallbackName`); or, with Return
 * URLs Only or as an AI Agent's tool (only JSON reaches the model), left at
 * the vendor's URLs.
 */
export function keepImages(
  fns: IExecuteFunctions,
  shared: RunShared,
  output: Pick<OutputOptions, 'urlsOnly'>,
  fallbackName: string,
): Pick<RunOptions, 'download' | 'saveImage'> {
  const download = !output.urlsOnly && !fns.getNode().type.endsWith('Tool');
  return download ? { download, saveImage: shared.store.saveImages(fallbackName) } : { download };
}
