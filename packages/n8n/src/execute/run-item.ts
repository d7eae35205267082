import { generateImage, getTaskStatus, isTaskHandle, outputPixels, submitImage, waitForTask, type RunOptions, type TaskHandle } from '@imagegate/core';
import { lookupModel } from '@imagegate/core/provider';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { LABELS } from '../description/labels.js';
import { checkOnce } from './check-once.js';
import type { RunShared } from './run-shared.js';
import { logSubmittedTask } from './log-submitted-task.js';
import { readImageRequest } from './read-request.js';
import { toOutputItems, toTaskItems, type OutputOptions } from './to-output.js';

/** Options → Max Wait (Seconds) when unset. */
export const DEFAULT_MAX_WAIT_SECONDS = 300;

/** Run one input item: one request, or one task step. */
export async function runItem(fns: IExecuteFunctions, shared: RunShared, i: number): Promise<INodeExecutionData[]> {
  const resource = fns.getNodeParameter('resource', i) as string;
  const operation = fns.getNodeParameter('operation', i) as string;
  const options = fns.getNodeParameter('options', i, {}) as IDataObject;
  const output: OutputOptions = {
    outputBinaryField: String(options.outputBinaryField || 'data'),
    outputMode: options.outputMode === 'oneItem' ? 'oneItem' : 'itemPerImage',
  };
  // As an AI Agent's tool only JSON reaches the model: vendor URLs are passed on, not downloaded.
  const download = options.urlsOnly !== true && !fns.getNode().type.endsWith('Tool');
  // Downloads stream into n8n's binary store, named after their task (or the model).
  let saved = 0;
  const keep = (fallbackName: string): Pick<RunOptions, 'download' | 'saveImage'> =>
    download ? { download, saveImage: (image) => shared.downloads.saveImage(image, fallbackName, saved++) } : { download };

  if (resource === 'task') {
    const task = readTask(fns, i, shared.provider.id);
    if (operation === 'getStatus') {
      const status = await getTaskStatus({ provider: shared.provider, task, ...shared.run });
      const json: IDataObject = { state: status.state, provider: task.provider, model: task.model, taskId: task.taskId, task: task as unknown as IDataObject };
      if ('progress' in status && status.progress !== undefined) json.progress = status.progress;
      if (status.state === 'succeeded') json.urls = status.images.flatMap((img) => (img.url ? [img.url] : []));
      if (status.state === 'failed') Object.assign(json, { error: status.error.message, code: status.error.code });
      if (status.nextCheckMs !== undefined) json.nextCheckSeconds = Math.ceil(status.nextCheckMs / 1000);
      return [{ json, pairedItem: { item: i } }];
    }
    // Check Once: one poll. A task still under way (or a check that failed for a passing reason) goes to Pending with when to look again; a finished one is collected from what that poll saw.
    const check = operation === 'checkOnce' ? await checkOnce(shared, task) : undefined;
    if (check?.pending) return [{ json: check.pending, pairedItem: { item: i } }];
    // Wait for Completion, or Check Once on a finished task: its images (or its failure, with the task).
    const result = await waitForTask({ provider: shared.provider, task, status: check?.seen, ...keep(task.model || shared.provider.id), ...shared.run, ...waitOptions(fns, i) });
    const items = await toOutputItems(fns, { ...result, durationMs: result.timings.totalMs }, output, i);
    return operation === 'checkOnce' ? items.map((item) => ({ ...item, json: { done: true, ...item.json } })) : items;
  }

  const request = await readImageRequest(fns, i, operation);
  const spec = lookupModel(shared.provider.models, request.model) ?? shared.provider.describeModel?.(request.model);
  const expectedPixels = spec ? outputPixels(spec, request) : undefined;
  const wait = fns.getNodeParameter('waitForCompletion', i, true) as boolean;
  const base = { provider: shared.provider, ...request, ...shared.run, onProgress: logSubmittedTask(fns, i, shared.collect) };
  if (!wait) {
    const submitted = await submitImage(base);
    const outcome = { ...submitted, prompt: request.prompt, size: request.size, resolution: request.resolution, expectedPixels, durationMs: submitted.timings.totalMs };
    if (submitted.tasks.length > 0) return toTaskItems(outcome, i);
    return toOutputItems(fns, outcome, output, i);
  }
  const result = await generateImage({ ...base, ...keep(request.model), ...waitOptions(fns, i) });
  return toOutputItems(fns, { ...result, prompt: request.prompt, size: request.size, resolution: request.resolution, expectedPixels, durationMs: result.timings.totalMs }, output, i);
}

function waitOptions(fns: IExecuteFunctions, i: number): Pick<RunOptions, 'timeoutMs' | 'poll'> {
  const options = fns.getNodeParameter('options', i, {}) as IDataObject;
  const maxWait = Number(options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
  const interval = Number(options.pollIntervalSeconds ?? 0);
  return {
    timeoutMs: Math.max(1, maxWait) * 1000,
    // A set interval replaces the vendor's hints for the first check and the ones after.
    ...(interval > 0 ? { poll: { initialDelayMs: interval * 1000, intervalMs: interval * 1000 } } : {}),
  };
}

/**
 * The Task parameter: the handle a Generate or Edit step returned (an object
 * or its JSON), or the task id alone, as error messages show it (the
 * provider is the node's; the model is then unknown, so the vendor's default
 * polling applies).
 */
function readTask(fns: IExecuteFunctions, i: number, provider: string): TaskHandle {
  let value = fns.getNodeParameter('task', i) as unknown;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^[\w.:~-]{1,200}$/.test(text) && !/^(true|false|null|\d+)$/.test(text)) return { version: 1, provider, taskId: text, model: '', createdAt: Date.now() };
    try {
      value = JSON.parse(text);
    } catch {
      // reported below
    }
  }
  if (!isTaskHandle(value)) {
    throw new NodeOperationError(fns.getNode(), `The ${LABELS.task} parameter is neither a task handle nor a task id`, {
      itemIndex: i,
      description: `Set ${LABELS.task} to the "task" field a Generate or Edit step returned with ${LABELS.waitForCompletion} off (e.g. {{ $json.task }}), or to a task id such as the one an error message names.`,
    });
  }
  return value;
}
