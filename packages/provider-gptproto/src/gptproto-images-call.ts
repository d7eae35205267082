import type { ClientRequest, HttpClient, ProviderCallContext, SubmitResult } from '@imagegate/core';
import { readImagesAnswer } from './gptproto-image-answer.js';
import { createImageStreamReader } from './gptproto-image-stream.js';
import { jsonCall } from './gptproto-json-call.js';
import type { GptProtoPartialImageCallback } from './gptproto-options.js';

/** One call to an OpenAI-style images endpoint (generations or edits). */
export interface ImagesCall {
  http: HttpClient;
  provider: string;
  model: string;
  url: string;
  /** JSON body (generations) or multipart form (edits). */
  json?: unknown;
  form?: FormData;
  /** Read the answer as server-sent events. */
  stream: boolean;
  onPartialImage?: GptProtoPartialImageCallback;
}

/** Send a billable images call and read its images, plain JSON or streamed. */
export async function callImagesEndpoint(call: ImagesCall, ctx: ProviderCallContext): Promise<SubmitResult> {
  const request: ClientRequest = { method: 'POST', url: call.url, kind: 'billable', model: call.model };
  if (call.json !== undefined) request.json = call.json;
  if (call.form) request.body = call.form;

  if (!call.stream) {
    const { answer, status } = await jsonCall(call.http, ctx, request, call.provider);
    const { images, usage } = readImagesAnswer(answer, { provider: call.provider, model: call.model, status });
    return { type: 'images', images, usage };
  }

  const reader = createImageStreamReader({ provider: call.provider, model: call.model, onPartialImage: call.onPartialImage, warn: ctx.warn });
  const response = await call.http.send(ctx, { ...request, headers: { accept: 'text/event-stream' }, onChunk: reader.onChunk });
  const { images, usage } = reader.finish(response);
  return { type: 'images', images, usage };
}
