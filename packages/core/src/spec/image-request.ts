/** A reference image: bytes with their type, or a URL. */
export type InputImage = { data: Uint8Array; mimeType: string; fileName?: string } | { url: string };

/**
 * One image request, as a provider receives it after validation. The model's
 * manifest says which fields it accepts.
 */
export interface ImageRequest<ModelId extends string = string> {
  model: ModelId;
  prompt: string;
  /** Reference images; their presence makes the request an edit. */
  images?: InputImage[];
  /** Optional mask for edits (transparent pixels mark the area to change). */
  mask?: InputImage;
  /** Images wanted from this call (core fans out above the model's `maxImagesPerCall`). */
  n?: number;
  /** `'1024x1024'` or `'16:9'`, as the model declares. */
  size?: string;
  /**
   * Resolution tier (`'1K'`, `'2K'`, `'4K'`) for models whose manifest lists
   * `resolution`; validation fills in the model's default when unset.
   */
  resolution?: string;
  quality?: string;
  background?: string;
  outputFormat?: string;
  outputCompression?: number;
  moderation?: string;
  seed?: number;
  /** Vendor passthrough, validated by the provider's schema. */
  providerOptions?: Record<string, unknown>;
}

/** Every field of an {@link ImageRequest}: what the engine picks out of a call's options. */
export const IMAGE_REQUEST_FIELDS = [
  'model',
  'prompt',
  'images',
  'mask',
  'n',
  'size',
  'resolution',
  'quality',
  'background',
  'outputFormat',
  'outputCompression',
  'moderation',
  'seed',
  'providerOptions',
] as const satisfies ReadonlyArray<keyof ImageRequest>;

/** The operation a request performs. */
export function operationOf(request: Pick<ImageRequest, 'images'>): 'generate' | 'edit' {
  return request.images && request.images.length > 0 ? 'edit' : 'generate';
}
