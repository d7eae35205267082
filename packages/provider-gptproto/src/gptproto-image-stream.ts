import {
  parseJsonBody,
  readAnswer,
  sniffImage,
  type HttpResponse,
  type Usage,
  type VendorImage,
} from '@imagegate/core/provider';
import { z, type ZodType, type ZodTypeDef } from 'zod';
import { bodyErrorSchema, checkedImage, errorInBody, unusableAnswer, type AnswerContext } from './gptproto-errors.js';
import { base64Bytes, IMAGES_BINARY_FIELDS, imagesAnswerSchema, readImagesAnswer } from './gptproto-images-answer.js';
import type { GptProtoPartialImageCallback } from './gptproto-options.js';
import { SseDecoder, type SseEvent } from './gptproto-sse.js';
import { addUsage, openAiUsageSchema } from './gptproto-usage.js';

/** One event's JSON, as OpenAI's Image API streams it (`b64_json` decoded by core). */
const streamEventSchema = z.object({
  type: z.string().nullish(),
  b64_json: base64Bytes.nullish(),
  partial_image_index: z.number().int().nonnegative().nullish(),
  usage: openAiUsageSchema,
  error: bodyErrorSchema.nullish(),
  /** A `*.failed` event may carry its message here instead of in `error`. */
  message: z.string().nullish(),
});

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
  const images: VendorImage[] = [];
  let usage: Usage | undefined;
  let failure: unknown;
  let fedBytes = 0;
  let callbackBroken = false;
  const context: AnswerContext = { provider: options.provider, model: options.model, status: 200 };

  // Runs inside the transport's body reader: it must never throw there.
  const decoder = new SseDecoder((event) => {
    if (failure) return;
    try {
      handle(event);
    } catch (error) {
      failure = error;
    }
  });

  function handle(event: SseEvent): void {
    if (isDoneSentinel(event.data)) return;
    const payload = readJson(event.data, streamEventSchema, context, event.event ?? 'message');
    const type = payload.type ?? event.event ?? '';
    if (type === 'error' || type.endsWith('.failed') || payload.error)
      throw errorInBody(payload.error ?? { message: payload.message ?? undefined, type }, context);
    if (type.endsWith('.partial_image')) return partial(payload.b64_json, payload.partial_image_index ?? 0, type);
    if (!type.endsWith('.completed')) return; // progress and keep-alive events carry nothing we need
    if (!payload.b64_json) unusableAnswer(`with a "${type}" event without b64_json.`, context, 'b64_json');
    images.push({ data: checkedImage(payload.b64_json, `the "${type}" event's b64_json`, context) });
    usage = addUsage(usage, payload.usage);
  }

  /** Hand a partial image to the callback; its MIME type and size are sniffed for it. */
  function partial(data: Uint8Array | null | undefined, index: number, type: string): void {
    if (!options.onPartialImage || callbackBroken) return;
    const info = data && sniffImage(data);
    if (!data || !info)
      return options.warn(`${options.provider} sent a "${type}" event whose b64_json is not an image; it was skipped.`);
    try {
      options.onPartialImage({
        index,
        data,
        mimeType: info.mimeType,
        width: info.width,
        height: info.height,
        type,
        model: options.model,
      });
    } catch (error) {
      // The image is being paid for: a broken UI callback must not throw it away.
      callbackBroken = true;
      options.warn(
        `onPartialImage threw (${error instanceof Error ? error.message : String(error)}); ` +
          'later partial images were not delivered.',
      );
    }
  }

  return {
    /** Pass as the request's `onChunk`. */
    onChunk(chunk: Uint8Array): void {
      fedBytes += chunk.byteLength;
      decoder.push(chunk);
    },
    /** Finish with the full response; throws the vendor's error or BAD_RESPONSE. */
    finish(response: HttpResponse): { images: VendorImage[]; usage?: Usage } {
      context.status = response.status;
      // A gateway that ignored `stream: true` answers plain JSON.
      if (firstByte(response.body) === 0x7b)
        return readImagesAnswer(readJson(response.body, imagesAnswerSchema, context), context);
      if (fedBytes === 0) decoder.push(response.body);
      decoder.end();
      if (failure) throw failure;
      if (images.length === 0) unusableAnswer('with a stream that ended without a completed image.', context);
      return { images, usage };
    },
  };
}

/**
 * The body, or one event's data, read with its schema (`b64_json` decoded):
 * BAD_RESPONSE when it is not JSON or not of the schema.
 */
function readJson<T>(
  bytes: Uint8Array,
  schema: ZodType<T, ZodTypeDef, unknown>,
  context: AnswerContext,
  event?: string,
): T {
  const what = event === undefined ? 'a body' : `a "${event}" stream event`;
  let value: unknown;
  try {
    value = parseJsonBody(bytes, { binaryFields: IMAGES_BINARY_FIELDS });
  } catch (error) {
    unusableAnswer(`with ${what} that could not be read: ${(error as Error).message}`, context);
  }
  return readAnswer(
    schema,
    value,
    event === undefined ? context : { ...context, what: `HTTP ${context.status} in ${what}` },
  );
}

function isDoneSentinel(data: Uint8Array): boolean {
  return (
    data.byteLength < 16 &&
    Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').trim() === '[DONE]'
  );
}

function firstByte(body: Uint8Array): number | undefined {
  for (const byte of body) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return undefined;
}
