import type { ModelCapability, ModelEntry, ProviderOptionDefinitions } from '@ai-sdk/provider';
import type { ModelSpec } from '@imagegate/core';
import { describeSizes } from '@imagegate/core/provider';
import { REQUEST_OPTION_DESCRIPTIONS, REQUEST_OPTIONS, type RequestOption } from './provider-options.js';

/**
 * A model's sizes as the AI SDK's catalogue lists them: the aspect ratios or pixel presets it takes, or, where it
 * also takes custom sizes (a list cannot say), the rule in words.
 */
function catalogSizes(model: ModelSpec): readonly string[] | { description: string } {
  const sizes = model.sizes;
  if (sizes.kind === 'aspect-ratio') return sizes.values;
  if (sizes.custom) return { description: `pixel sizes: ${describeSizes(sizes)}` };
  return [...(sizes.auto ? ['auto'] : []), ...sizes.presets];
}

/** Whether a model takes a request option (its manifest lists values for it, or resolution tiers). */
function takes(model: ModelSpec, option: RequestOption): ModelCapability {
  return option === 'resolution' ? model.resolution !== undefined : model.options[option] !== undefined;
}

/**
 * One model's entry in the AI SDK's model catalogue (`ModelEntry` of `@ai-sdk/provider`), derived from its ImageGate
 * manifest: sizes, file and mask input, images per call, and which `providerOptions.imagegate` options it takes.
 */
export function modelEntry(model: ModelSpec): ModelEntry {
  return {
    capabilities: {
      image: {
        sizes: catalogSizes(model),
        fileInput: model.operations.includes('edit'),
        maskInput: model.operations.includes('edit') && model.inputImages?.mask === true,
        maxImagesPerCall: model.maxImagesPerCall,
      },
    },
    providerOptions: {
      image: Object.fromEntries(REQUEST_OPTIONS.map((option) => [option, takes(model, option)])),
    },
  };
}

/** The `providerOptions.imagegate` options every ImageGate provider knows, as the AI SDK's catalogue declares them. */
export const PROVIDER_OPTION_DEFINITIONS: ProviderOptionDefinitions = {
  image: Object.fromEntries(
    REQUEST_OPTIONS.map((option) => [option, { description: REQUEST_OPTION_DESCRIPTIONS[option] }]),
  ),
};
