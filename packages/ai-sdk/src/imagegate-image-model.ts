import {
  InvalidArgumentError,
  type ImageModelV4,
  type ImageModelV4CallOptions,
  type ImageModelV4Result,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { generateImage, type GenerateResult, type ImageProvider, type ModelSpec } from '@imagegate/core';
import { toAiSdkError } from './ai-sdk-errors.js';
import { argumentOf } from './field-names.js';
import { toInputImage } from './input-files.js';
import { toResultMetadata } from './result-metadata.js';
import { PROVIDER_OPTIONS_KEY, REQUEST_OPTION_NAMES } from './provider-options.js';
import type { ImageGateAiSettings } from './settings.js';
import { chooseSize } from './size-choice.js';

/**
 * One ImageGate model as the AI SDK's `ImageModelV4`. `doGenerate` runs ImageGate's `generateImage`: the request
 * is validated against the model's manifest before anything is sent, an asynchronous model's task is waited for
 * (abortable, within the settings' deadline), results are downloaded, and errors become the AI SDK's, retryable
 * there only when no job may have been paid for.
 */
export class ImageGateImageModel implements ImageModelV4 {
  readonly specificationVersion = 'v4';
  /** `imagegate.<provider id>`, e.g. `imagegate.gptproto`. */
  readonly provider: string;
  readonly modelId: string;
  /** The model's own limit: the AI SDK splits a larger `n` into calls of at most this many. */
  readonly maxImagesPerCall: number;
  readonly supportsFileInputs: boolean;
  readonly supportsMaskInputs: boolean;

  constructor(
    private readonly source: ImageProvider,
    /** The manifest entry `modelId` resolved to (looked up once, when the model was made). */
    readonly spec: ModelSpec,
    modelId: string,
    private readonly settings: ImageGateAiSettings,
  ) {
    this.provider = `${PROVIDER_OPTIONS_KEY}.${source.id}`;
    this.modelId = modelId;
    this.maxImagesPerCall = spec.maxImagesPerCall;
    this.supportsFileInputs = spec.operations.includes('edit');
    this.supportsMaskInputs = this.supportsFileInputs && spec.inputImages?.mask === true;
  }

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImageModelV4Result> {
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError({ argument: 'options', message: 'doGenerate takes the call options object.' });
    const timestamp = new Date();
    const size = chooseSize(this.spec, options.size, options.aspectRatio);
    const warnings: SharedV4Warning[] = [...size.warnings];
    let seed = options.seed;
    if (seed !== undefined && this.spec.options.seed === undefined) {
      warnings.push({ type: 'unsupported', feature: 'seed', details: `${this.spec.id} takes no seed; it is ignored.` });
      seed = undefined;
    }
    const { fields, vendorOptions } = splitProviderOptions(options.providerOptions?.[PROVIDER_OPTIONS_KEY]);
    const settingKeys = new Set(Object.keys(this.settings));
    const fail = (error: unknown) =>
      toAiSdkError(error, {
        argument: (field) => argumentOf(field, size.from, settingKeys),
        url: this.source.baseUrl ?? this.source.id,
        requestBodyValues: { model: this.modelId, n: options.n, size: size.size, seed, ...fields },
      });

    let responseHeaders: Record<string, string> | undefined;
    let result: GenerateResult;
    try {
      result = await generateImage({
        ...this.settings,
        provider: this.source,
        model: this.modelId,
        prompt: options.prompt as string,
        n: options.n,
        ...(size.size !== undefined ? { size: size.size } : {}),
        ...(seed !== undefined ? { seed } : {}),
        // What is not a list of files goes on as it is, for ImageGate's validation to refuse as `files`.
        ...(options.files === undefined
          ? {}
          : { images: Array.isArray(options.files) ? options.files.map(toInputImage) : options.files }),
        ...(options.mask ? { mask: toInputImage(options.mask) } : {}),
        ...fields,
        ...(vendorOptions ? { providerOptions: vendorOptions } : {}),
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
        headers: definedHeaders(options.headers),
        onResponse: (response) => {
          responseHeaders = response.headers;
          this.settings.onResponse?.(response);
        },
      });
    } catch (error) {
      throw fail(error);
    }

    return {
      images: result.images.map((image) => image.data),
      warnings: [...warnings, ...result.warnings.map((message): SharedV4Warning => ({ type: 'other', message }))],
      providerMetadata: {
        [PROVIDER_OPTIONS_KEY]: toResultMetadata(result, fields.resolution ?? this.spec.resolution?.default),
      },
      response: { timestamp, modelId: result.model, headers: responseHeaders },
      ...(result.usage ? { usage: toUsage(result.usage) } : {}),
    };
  }
}

/** `providerOptions.imagegate` split into request fields and the provider's own options. */
function splitProviderOptions(value: unknown): {
  fields: Record<string, unknown> & { resolution?: string };
  vendorOptions?: Record<string, unknown>;
} {
  if (value === undefined) return { fields: {} };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidArgumentError({
      argument: `providerOptions.${PROVIDER_OPTIONS_KEY}`,
      message: `providerOptions.${PROVIDER_OPTIONS_KEY} must be an object of ImageGate options.`,
    });
  const fields: Record<string, unknown> = {};
  const vendor: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(value))
    if (option !== undefined) (REQUEST_OPTION_NAMES.has(key) ? fields : vendor)[key] = option;
  return { fields, ...(Object.keys(vendor).length > 0 ? { vendorOptions: vendor } : {}) };
}

/** The AI SDK's headers without the unset ones (it passes `undefined` for a header a caller removed). */
function definedHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value;
  return out;
}

function toUsage(usage: NonNullable<GenerateResult['usage']>): NonNullable<ImageModelV4Result['usage']> {
  const { inputTokens, outputTokens } = usage;
  const totalTokens =
    usage.totalTokens ??
    (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined);
  return { inputTokens, outputTokens, totalTokens };
}
