import { ImageGateError } from '@imagegate/core';
import { resolveModel } from '@imagegate/core/provider';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_MAX_WAIT_SECONDS } from '../fields/options-collection.js';
import type { NodeProvider } from '../provider/node-provider.js';
import { describeFailure, type FailureContext } from '../shared/describe-failure.js';
import { LABELS } from '../shared/labels.js';
import { optionalParameter } from '../shared/optional-parameter.js';

/** How a failure of item `i` is worded: the provider's name, the size parameter's label, Max Wait. */
export function failureContext(fns: IExecuteFunctions, entry: NodeProvider, i: number): FailureContext {
  const model = resolveModel({ models: entry.models }, String(optionalParameter(fns, 'model', i) ?? ''));
  const maxWait = Number(
    ((optionalParameter(fns, 'options', i) ?? {}) as IDataObject).maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS,
  );
  return {
    providerName: entry.displayName,
    sizeLabel: model?.sizes.kind === 'aspect-ratio' ? LABELS.aspectRatio : LABELS.size,
    maxWaitSeconds: maxWait,
  };
}

/**
 * The output item's JSON of a failed input item under Continue On Fail: the
 * message and what to do, the code and HTTP status, and what was asked
 * (provider, model, prompt) and the task, so a later step can branch, retry
 * or collect.
 */
export function failureJson(
  fns: IExecuteFunctions,
  error: unknown,
  i: number,
  entry: NodeProvider,
  context: FailureContext,
): IDataObject {
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
