import type { ImageRequest } from '@imagegate/core';
import { IMAGE_REQUEST_FIELDS } from '@imagegate/core/provider';

/** The key of ImageGate's options in the AI SDK's `providerOptions`. */
export const PROVIDER_OPTIONS_KEY = 'imagegate';

/** Request fields the AI SDK has options of its own for (`prompt`, `files`, `size`, …) or ImageGate sets itself. */
const SET_ELSEWHERE = ['model', 'prompt', 'images', 'mask', 'n', 'size', 'seed', 'providerOptions'] as const;
type SetElsewhere = (typeof SET_ELSEWHERE)[number];

/**
 * The request fields `providerOptions.imagegate` sets by name (core's request fields the AI SDK has no option for).
 * Every other key goes to the provider as its own option (`ImageRequest.providerOptions`), checked by its schema.
 */
export const REQUEST_OPTIONS = IMAGE_REQUEST_FIELDS.filter(
  (field): field is Exclude<(typeof IMAGE_REQUEST_FIELDS)[number], SetElsewhere> =>
    !(SET_ELSEWHERE as readonly string[]).includes(field),
);

/** {@link REQUEST_OPTIONS} as a set, to tell a request option from a provider's own. */
export const REQUEST_OPTION_NAMES: ReadonlySet<string> = new Set(REQUEST_OPTIONS);

/** A request field set through `providerOptions.imagegate`. */
export type RequestOption = (typeof REQUEST_OPTIONS)[number];

/** What each request option does, for the catalogue's option definitions. */
export const REQUEST_OPTION_DESCRIPTIONS: Readonly<Record<RequestOption, string>> = {
  resolution: "Resolution tier ('1K', '2K', '4K') for models that take one beside the aspect ratio.",
  quality: "Rendering quality, as the model lists it ('low', 'medium', 'high', …).",
  background: "Background ('transparent', 'opaque', 'auto') for models that take one.",
  outputFormat: "Image format the vendor makes ('png', 'jpeg', 'webp').",
  outputCompression: 'Compression 0–100 for the formats the model applies it to.',
  moderation: "Moderation level ('auto', 'low') for models that take one.",
};

/**
 * `providerOptions.imagegate`, as a caller writes it: the request options above, and the provider's own options
 * beside them (e.g. GPTProto's `stream`), which its schema checks.
 */
export type ImageGateProviderOptions = Partial<Pick<ImageRequest, RequestOption>> & Record<string, unknown>;
