import type { ImageMimeType, SubmitContext } from '@imagegate/core/provider';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { GptProtoModelFamily, GptProtoModelId } from './gptproto-models.js';

// zod/mini words a problem ("Too big: expected number to be <=3") only once a locale is set; plain zod sets English
// when it loads. Set it too, unless the application chose one: else a refused option would only say "Invalid input".
if (!z.config().localeError) z.config(en());

/** One partial image from a streamed gpt-image generation or edit. */
export interface GptProtoPartialImageEvent {
  /** `partial_image_index`: 0 for the first partial image, then 1, 2. */
  index: number;
  /** The partial image's bytes (decoded from `b64_json`). */
  data: Uint8Array;
  /** Sniffed from the bytes. */
  mimeType: ImageMimeType;
  width?: number;
  height?: number;
  /** The event name, `image_generation.partial_image` or `image_edit.partial_image`. */
  type: string;
  model: string;
}

/** Receives partial images in the order the vendor sends them. */
export type GptProtoPartialImageCallback = (event: GptProtoPartialImageEvent) => void;

/**
 * `providerOptions` accepted by GPTProto models. Unknown keys are refused, so a
 * typo fails before any request instead of being silently ignored.
 */
export const gptProtoProviderOptionsSchema = z
  .strictObject({
    /** gpt-image: `user`, an end-user id that helps the vendor detect abuse. */
    user: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
    /** gpt-image: stream the answer as server-sent events (needed for partial images). */
    stream: z.optional(z.boolean()),
    /** gpt-image: `partial_images`, 0–3 partial images while streaming (each costs 100 output tokens). */
    partialImages: z.optional(z.int().check(z.minimum(0), z.maximum(3))),
    /** gpt-image: called with each partial image while streaming. */
    onPartialImage: z.optional(
      z.custom<GptProtoPartialImageCallback>((value) => typeof value === 'function', {
        error: 'must be a function (event) => void',
      }),
    ),
    /** gpt-image edits: `input_fidelity`, how closely the output keeps the input images' details. */
    inputFidelity: z.optional(z.enum(['high', 'low'])),
    /** Gemini edits: `generationConfig.responseModalities`; `['IMAGE']` asks for the image without text. */
    responseModalities: z.optional(
      z.array(z.enum(['TEXT', 'IMAGE'])).check(
        z.minLength(1),
        z.refine((list) => list.includes('IMAGE'), { error: "must include 'IMAGE' (an image is what is asked for)" }),
      ),
    ),
    /**
     * v3 models: `enable_sync_mode`, the submit waits for the result and
     * answers it (one round trip less). Off by default: if that long call is
     * cut (a gateway timeout), the prediction id is lost with it.
     */
    syncMode: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (options) =>
        options.stream === true || (options.partialImages === undefined && options.onPartialImage === undefined),
      { path: ['stream'], error: 'partialImages and onPartialImage need stream: true' },
    ),
  );

/** `providerOptions` of a GPTProto request (see {@link gptProtoProviderOptionsSchema}). */
export type GptProtoProviderOptions = z.infer<typeof gptProtoProviderOptionsSchema>;

/** The model families each option applies to (see `modelFamily`); any other family refuses it. */
export const OPTION_FAMILIES: Record<keyof GptProtoProviderOptions, readonly GptProtoModelFamily[]> = {
  user: ['gpt-image'],
  stream: ['gpt-image'],
  partialImages: ['gpt-image'],
  onPartialImage: ['gpt-image'],
  inputFidelity: ['gpt-image'],
  responseModalities: ['gemini'],
  syncMode: ['predictions'],
};

/** What a GPTProto vendor call is handed: core's context with the parsed provider options. */
export type GptProtoContext = SubmitContext<GptProtoProviderOptions, Record<never, never>, GptProtoModelId>;
