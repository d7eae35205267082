import {
  InvalidArgumentError,
  NoSuchModelError,
  type ModelEntry,
  type ProviderOptionDefinitions,
  type ProviderV4,
} from '@ai-sdk/provider';
import type { ImageProvider } from '@imagegate/core';
import { resolveModel } from '@imagegate/core/provider';
import { ImageGateImageModel } from './imagegate-image-model.js';
import { modelEntry, PROVIDER_OPTION_DEFINITIONS } from './model-catalog.js';
import { checkSettings, type ImageGateAiSettings } from './settings.js';

/** An ImageGate provider as an AI SDK provider (`ProviderV4`), with its model catalogue. */
export interface ImageGateAiProvider extends ProviderV4 {
  /** The image model with this id or alias (or one the provider describes on request, a newer model of a family). */
  imageModel(modelId: string): ImageGateImageModel;
  /** The same as {@link ImageGateAiProvider.imageModel}, as `openai.image(…)` reads. */
  image(modelId: string): ImageGateImageModel;
  /** Every model of the provider with its capabilities (sizes, file and mask input, images per call, options). */
  readonly models: Readonly<Record<string, ModelEntry>>;
  /** The `providerOptions.imagegate` options, each with what it does. */
  readonly providerOptionDefinitions: ProviderOptionDefinitions;
}

/**
 * Offer an ImageGate provider (ours or any third party's) to the Vercel AI SDK:
 *
 * ```ts
 * const gateway = imagegate(gptProto.create({ apiKey }));
 * const { images } = await generateImage({ model: gateway.imageModel('gpt-image-2'), prompt: 'A lighthouse' });
 * ```
 *
 * @param provider - a provider instance, e.g. `gptProto.create({ apiKey })`
 * @param settings - ImageGate's run options for every call (deadline, retries of one HTTP call, poll timings)
 */
export function imagegate(provider: ImageProvider, settings?: ImageGateAiSettings): ImageGateAiProvider {
  checkProvider(provider);
  const runSettings = checkSettings(settings);
  const imageModel = (modelId: string): ImageGateImageModel => {
    const spec = typeof modelId === 'string' ? resolveModel(provider, modelId.trim()) : undefined;
    if (!spec)
      throw new NoSuchModelError({
        modelId: String(modelId),
        modelType: 'imageModel',
        message:
          `No such image model "${String(modelId)}" for ${provider.name}. ` +
          `Accepted: ${provider.models.map((m) => m.id).join(', ')}.`,
      });
    return new ImageGateImageModel(provider, spec, modelId.trim(), runSettings);
  };
  const noModel = (modelType: 'languageModel' | 'embeddingModel') => (modelId: string) => {
    throw new NoSuchModelError({
      modelId,
      modelType,
      message: `${provider.name} through ImageGate makes images only: use imageModel().`,
    });
  };
  return {
    specificationVersion: 'v4',
    imageModel,
    image: imageModel,
    languageModel: noModel('languageModel'),
    embeddingModel: noModel('embeddingModel'),
    models: Object.fromEntries(provider.models.map((model) => [model.id, modelEntry(model)])),
    providerOptionDefinitions: PROVIDER_OPTION_DEFINITIONS,
  };
}

function checkProvider(provider: unknown): asserts provider is ImageProvider {
  const p = provider as Partial<ImageProvider> & { create?: unknown };
  const isInstance =
    typeof p === 'object' &&
    p !== null &&
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    Array.isArray(p.models) &&
    typeof p.submit === 'function';
  if (isInstance) return;
  const hint =
    typeof p === 'object' && p !== null && typeof p.create === 'function'
      ? 'got a provider definition: pass its instance, e.g. gptProto.create({ apiKey }).'
      : `got ${p === null ? 'null' : typeof p}.`;
  throw new InvalidArgumentError({
    argument: 'provider',
    message: `imagegate(provider) takes an ImageGate provider such as gptProto.create({ apiKey }); ${hint}`,
  });
}
