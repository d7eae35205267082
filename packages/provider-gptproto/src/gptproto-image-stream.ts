import {
  JsonBinaryScanner,
  readAnswer,
  sniffImage,
  SseJsonReader,
  type SseJsonEvent,
  type Usage,
  type VendorImage,
} from '@imagegate/core/provider';
import * as z from 'zod/mini';
import { bodyErrorSchema, checkedImage, errorInBody, unusableAnswer, type AnswerContext } from './gptproto-errors.js';
import { base64Bytes, IMAGES_BINARY_FIELDS, imagesAnswerSchema, readImagesAnswer } from './gptproto-images-answer.js';
import type { GptProtoPartialImageCallback } from './gptproto-options.js';
import { addUsage, openAiUsageSchema } from './gptproto-usage.js';

/** One event's JSON, as OpenAI's Image API streams it (`b64_json` decoded by core). */
const streamEventSchema = z.object({
  type: z.nullish(z.string()),
  b64_json: z.nullish(base64Bytes),
  partial_image_index: z.nullish(z.int().check(z.nonnegative())),
  usage: openAiUsageSchema,
  error: z.nullish(bodyErrorSchema),
  /** A `*.failed` event may carry its message here instead of in `error`. */
  message: z.nullish(z.string()),
});

/** Options of {@link createImageStreamReader}. */
export interface ImageStreamOptions {
  provider: string;
  model: string;
  /** The answer's HTTP status, named in a BAD_RESPONSE. */
  status: number;
  onPartialImage?: GptProtoPartialImageCallback;
  warn: (message: string) => void;
}

/**
 * Reads a streamed gpt-image answer as it arrives. The event names follow
 * OpenAI's Image API (`image_generation.partial_image` / `.completed`, and
 * `image_edit.*` for edits): the captured GPTProto pages do not show them.
 *
 * Each event's base64 is decoded while it streams (core's `SseJsonReader`),
 * so partial images reach the caller while the image is still being made and
 * no event is ever held as text. A gateway that ignored `stream: true` and
 * answered plain JSON is read the same way (core's `JsonBinaryScanner`).
 */
export function createImageStreamReader(options: ImageStreamOptions) {
  const images: VendorImage[] = [];
  let usage: Usage | undefined;
  let failure: unknown;
  let callbackBroken = false;
  let json: JsonBinaryScanner | undefined;
  let started = false;
  const context: AnswerContext = { provider: options.provider, model: options.model, status: options.status };

  const events = new SseJsonReader({
    binaryFields: IMAGES_BINARY_FIELDS,
    onEvent(event) {
      if (failure) return;
      try {
        handle(event);
      } catch (error) {
        failure = error;
      }
    },
  });

  function handle(event: SseJsonEvent): void {
    if (event.head.trim() === '[DONE]') return;
    const name = event.event ?? 'message';
    const payload = readAnswer(streamEventSchema, readData(event.read, `a "${name}" stream event`), {
      ...context,
      what: `HTTP ${context.status} in a "${name}" stream event`,
    });
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

  /** Parsed data, or BAD_RESPONSE naming what could not be read. */
  function readData(read: () => unknown, what: string): unknown {
    try {
      return read();
    } catch (error) {
      return unusableAnswer(`with ${what} that could not be read: ${(error as Error).message}`, context);
    }
  }

  return {
    /** Read the next chunk of the body; false once the stream has failed (reading on is pointless). */
    push(chunk: Uint8Array): boolean {
      if (!started) {
        const at = chunk.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
        if (at < 0) return true; // whitespace before the answer means nothing to either reader
        started = true;
        // A gateway that ignored `stream: true` answers plain JSON.
        if (chunk[at] === 0x7b) json = new JsonBinaryScanner({ binaryFields: IMAGES_BINARY_FIELDS });
        chunk = chunk.subarray(at);
      }
      if (json) json.push(chunk);
      else events.push(chunk);
      return !failure;
    },
    /** The body is complete: its images, or the vendor's error / BAD_RESPONSE. */
    finish(): { images: VendorImage[]; usage?: Usage } {
      if (json) {
        const scanner = json;
        const value = readData(() => scanner.end(), 'a body');
        return readImagesAnswer(readAnswer(imagesAnswerSchema, value, context), context);
      }
      if (!failure) events.end();
      if (failure) throw failure;
      if (images.length === 0) unusableAnswer('with a stream that ended without a completed image.', context);
      return { images, usage };
    },
  };
}
