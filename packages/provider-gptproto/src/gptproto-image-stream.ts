import { badResponse, JsonBodyError, parseJsonBody, readVendorError, sniffImage, type HttpResponse, type ImageGateError, type ProviderImage, type Usage } from '@imagegate/core';
import { badAnswer, errorInBody } from './gptproto-errors.js';
import { checkedImage, readImagesAnswer, type AnswerContext } from './gptproto-image-answer.js';
import { BINARY_FIELDS } from './gptproto-json-call.js';
import type { GptProtoPartialImageCallback } from './gptproto-options.js';
import { SseDecoder, type SseEvent } from './gptproto-sse.js';
import { addUsage, readUsage } from './gptproto-usage.js';

/** What a streamed call delivers: the completed images and their usage. */
export interface StreamOutcome {
  images: ProviderImage[];
  usage?: Usage;
}

/** Options of {@link createImageStreamReader}. */
export interface ImageStreamOptions {
  provider: string;
  model: string;
  onPartialImage?: GptProtoPartialImageCallback;
  warn: (message: string) => void;
}

/**
 * Reads a streamed gpt-image answer. The event names follow OpenAI's Image API
 * (`image_generation.partial_image` / `.completed`, and `image_edit.*` for
 * edits): the captured GPTProto pages do not show them.
 *
 * `onChunk` goes to core's request option, so partial images reach the caller
 * while the image is still being made. A transport that cannot stream gives
 * the whole body at the end; `finish` then decodes it in one go, so the
 * callback still sees every partial image, in order.
 */
export function createImageStreamReader(options: ImageStreamOptions) {
  const images: ProviderImage[] = [];
  let usage: Usage | undefined;
  let failure: ImageGateError | undefined;
  let fedBytes = 0;
  let callbackBroken = false;
  const context: AnswerContext = { provider: options.provider, model: options.model, status: 200 };

  // Runs inside the transport's body reader: it must never throw there.
  const decoder = new SseDecoder((event) => {
    if (failure) return;
    try {
      failure = handle(event);
    } catch (error) {
      failure = error as ImageGateError;
    }
  });

  function handle(event: SseEvent): ImageGateError | undefined {
    let payload: Record<string, unknown>;
    try {
      payload = parseJsonBody<Record<string, unknown>>(event.data, { binaryFields: ['b64_json'] });
    } catch (error) {
      if (isDoneSentinel(event.data)) return undefined;
      const reason = error instanceof JsonBodyError ? error.message : String(error);
      return badAnswer(`with a stream event that is not JSON (${reason}).`, context.status, context);
    }
    if (typeof payload !== 'object' || payload === null) return undefined;
    const type = typeof payload.type === 'string' ? payload.type : (event.event ?? '');
    if (type === 'error' || type.endsWith('.failed') || (typeof payload.error === 'object' && payload.error !== null)) {
      const vendor = readVendorError(Buffer.from(JSON.stringify({ error: payload.error ?? payload })));
      return errorInBody(vendor, context.status, context);
    }
    if (type.endsWith('.partial_image')) return partial(payload, type);
    if (type.endsWith('.completed')) {
      if (!(payload.b64_json instanceof Uint8Array)) return badAnswer(`with a "${type}" event without b64_json.`, context.status, context);
      images.push({ data: checkedImage(payload.b64_json, `the "${type}" event's b64_json`, context) });
      usage = addUsage(usage, readUsage(payload));
    }
    return undefined; // other events (progress, keep-alive) carry nothing we need
  }

  function partial(payload: Record<string, unknown>, type: string): undefined {
    const data = payload.b64_json;
    const info = data instanceof Uint8Array ? sniffImage(data) : undefined;
    if (!info || !(data instanceof Uint8Array)) {
      options.warn(`${options.provider} sent a "${type}" event whose b64_json is not an image; it was skipped.`);
      return undefined;
    }
    if (!options.onPartialImage || callbackBroken) return undefined;
    const index = typeof payload.partial_image_index === 'number' ? payload.partial_image_index : 0;
    try {
      options.onPartialImage({ index, data, mimeType: info.mimeType, width: info.width, height: info.height, type, model: options.model });
    } catch (error) {
      // The image is being paid for: a broken UI callback must not throw it away.
      callbackBroken = true;
      options.warn(`onPartialImage threw (${error instanceof Error ? error.message : String(error)}); later partial images were not delivered.`);
    }
    return undefined;
  }

  return {
    /** Pass as the request's `onChunk`. */
    onChunk(chunk: Uint8Array): void {
      fedBytes += chunk.byteLength;
      decoder.push(chunk);
    },
    /** Finish with the full response; throws the vendor's error or BAD_RESPONSE. */
    finish(response: HttpResponse): StreamOutcome {
      context.status = response.status;
      // A gateway that ignored `stream: true` answers plain JSON.
      if (firstByte(response.body) === 0x7b) {
        let answer: unknown;
        try {
          answer = parseJsonBody(response.body, { binaryFields: BINARY_FIELDS });
        } catch (error) {
          throw badResponse(response, error, { provider: options.provider, model: options.model });
        }
        return readImagesAnswer(answer, context);
      }
      if (fedBytes === 0) decoder.push(response.body);
      decoder.end();
      if (failure) throw failure;
      if (images.length === 0) throw badAnswer('with a stream that ended without a completed image.', context.status, context);
      return { images, usage };
    },
  };
}

function isDoneSentinel(data: Uint8Array): boolean {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').trim() === '[DONE]';
}

function firstByte(body: Uint8Array): number | undefined {
  for (const byte of body) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return undefined;
}
