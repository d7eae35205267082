import type { CustomSizeRules, ModelSpec, ResolutionSpec, SizeSpec } from '../spec/model-spec.js';
import { priceProblem } from '../spec/price.js';
import { sizeProblem } from './size.js';

/**
 * What a manifest is checked with: the provider's (or definition's) id and name, its models, and which task calls it
 * has.
 */
interface ManifestOwner {
  id: string;
  name: string;
  models: readonly ModelSpec[];
  getTask?: unknown;
  cancelTask?: unknown;
}

/**
 * Every inconsistency in a provider's manifest, as sentences; empty when the
 * manifest is complete. The contract suite fails on any; hosts may call it
 * before showing models in a UI.
 */
export function checkManifest(provider: ManifestOwner): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(provider.id))
    problems.push(`provider id "${provider.id}" must be lower-case letters, digits and dashes`);
  if (!provider.name) problems.push('provider name is empty');
  if (provider.models.length === 0) problems.push('the manifest lists no models');
  const seen = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const model of provider.models) {
    if (seen.has(model.id)) problems.push(`model id "${model.id}" appears twice`);
    seen.add(model.id);
    for (const alias of model.aliases ?? []) {
      if (provider.models.some((m) => m.id === alias))
        problems.push(`${model.id}: alias "${alias}" is the id of another model`);
      else if (aliasOwner.has(alias))
        problems.push(`${model.id}: alias "${alias}" is already an alias of ${aliasOwner.get(alias)}`);
      else aliasOwner.set(alias, model.id);
    }
    problems.push(...checkModel(model).map((p) => `${model.id || '(no id)'}: ${p}`));
    if (model.async && !provider.getTask) problems.push(`${model.id}: is async but the provider has no getTask`);
    if (model.cancel && !provider.cancelTask)
      problems.push(`${model.id}: declares cancel but the provider has no cancelTask`);
    if (model.cancel && !model.async)
      problems.push(`${model.id}: declares cancel but is not async (there is no task to cancel)`);
  }
  return problems;
}

function checkModel(model: ModelSpec): string[] {
  const problems: string[] = [];
  if (!model.id) problems.push('id is empty');
  if (!model.name) problems.push('name is empty');
  if (model.operations.length === 0) problems.push('operations is empty');
  for (const op of model.operations)
    if (op !== 'generate' && op !== 'edit') problems.push(`unknown operation "${op as string}"`);

  const sizes = model.sizes;
  const sizeCount =
    sizes.kind === 'aspect-ratio'
      ? sizes.values.length
      : sizes.presets.length + (sizes.auto ? 1 : 0) + (sizes.custom ? 1 : 0);
  if (sizeCount === 0) problems.push('sizes lists nothing');
  if (sizes.kind === 'pixels') {
    for (const preset of sizes.presets)
      if (!/^\d+x\d+$/.test(preset)) problems.push(`size preset "${preset}" is not WxH`);
    if (sizes.custom) problems.push(...customRulesProblems(sizes.custom));
  }
  if (model.defaultSize !== undefined && sizeProblem(model.defaultSize, sizes))
    problems.push(`defaultSize "${model.defaultSize}" is not among its sizes`);

  if (model.resolution) problems.push(...checkResolutionSpec(model.resolution, sizes));

  if (!Number.isInteger(model.maxImagesPerCall) || model.maxImagesPerCall < 1)
    problems.push('maxImagesPerCall must be a whole number ≥ 1');
  if (!Number.isInteger(model.maxImages) || model.maxImages < model.maxImagesPerCall)
    problems.push('maxImages must be a whole number ≥ maxImagesPerCall');
  if (model.maxPromptLength !== undefined && model.maxPromptLength < 1) problems.push('maxPromptLength must be ≥ 1');

  if (model.operations.includes('edit')) {
    const input = model.inputImages;
    if (!input) problems.push('declares edit but no inputImages');
    else {
      if (input.max < 1) problems.push('inputImages.max must be ≥ 1');
      if (input.maxBytes < 1) problems.push('inputImages.maxBytes must be ≥ 1');
      if (input.mimeTypes.length === 0) problems.push('inputImages.mimeTypes is empty');
      if (input.acceptsBytes === false && !input.acceptsUrls)
        problems.push('inputImages accepts neither bytes nor URLs');
    }
  }

  const { options, defaults = {} } = model;
  for (const [key, value] of Object.entries(defaults)) {
    const accepted = options[key as keyof typeof options];
    if (!accepted) problems.push(`default for "${key}" but the option is not declared`);
    else if (Array.isArray(accepted) && !accepted.includes(value))
      problems.push(`default ${key} "${String(value)}" is not among ${accepted.join(', ')}`);
  }
  for (const range of [options.outputCompression, options.seed]) {
    if (range && range.min > range.max) problems.push('an option range has min > max');
  }

  if (model.async) {
    if (!model.polling) problems.push('is async but has no polling hints');
    else if (model.polling.initialDelayMs < 0 || model.polling.intervalMs <= 0)
      problems.push('polling hints must be positive');
    else if (
      [model.polling.minIntervalMs, model.polling.jitterMs].some((v) => v !== undefined && !(v >= 0 && v <= 60_000))
    )
      problems.push('polling.minIntervalMs and polling.jitterMs must be from 0 to 60,000 ms');
  }
  if (model.output.delivery !== 'bytes' && model.output.delivery !== 'url')
    problems.push('output.delivery must be bytes or url');
  if (model.price !== undefined) problems.push(...checkPrice(model));
  return problems;
}

/** A manifest price: well formed, dated and sourced, and priced by values the model takes. */
function checkPrice(model: ModelSpec): string[] {
  const price = model.price!;
  const problem = priceProblem(price, 'price');
  if (problem) return [`${problem.field}: ${problem.problem}`];
  const problems: string[] = [];
  if (!price.source) problems.push('price.source must name the pricing page it was read from');
  if (!price.asOf) problems.push('price.asOf must give the day it was read (YYYY-MM-DD)');
  if (price.per === 'image' && 'by' in price) {
    for (const key of Object.keys(price.amounts)) {
      const taken =
        price.by === 'resolution'
          ? (model.resolution?.values.includes(key) ?? false)
          : price.by === 'size'
            ? !sizeProblem(key, model.sizes)
            : (model.options.quality?.includes(key) ?? false);
      if (!taken) problems.push(`price.amounts lists ${price.by} "${key}", which the model does not take`);
    }
  }
  return problems;
}

function checkResolutionSpec(spec: ResolutionSpec, sizes: SizeSpec): string[] {
  const problems: string[] = [];
  if (spec.values.length === 0) problems.push('resolution.values is empty');
  if (!spec.values.includes(spec.default))
    problems.push(`resolution.default "${spec.default}" is not among ${spec.values.join(', ')}`);
  for (const [tier, bySize] of Object.entries(spec.pixels ?? {})) {
    if (!spec.values.includes(tier)) problems.push(`resolution.pixels lists "${tier}", which is not a tier`);
    for (const [size, pixels] of Object.entries(bySize)) {
      if (sizeProblem(size, sizes))
        problems.push(`resolution.pixels.${tier} lists "${size}", which is not among its sizes`);
      if (!/^\d+x\d+$/.test(pixels)) problems.push(`resolution.pixels.${tier}.${size} "${pixels}" is not WxH`);
    }
  }
  return problems;
}

/** What is wrong with a model's custom size rules: each limit a positive whole number, the ranges in order. */
function customRulesProblems(rules: CustomSizeRules): string[] {
  const problems: string[] = [];
  const whole = (name: keyof CustomSizeRules, optional: boolean) => {
    const value = rules[name];
    if (value === undefined && optional) return;
    if (!Number.isInteger(value) || (value as number) < 1)
      problems.push(`sizes.custom.${name} must be a whole number ≥ 1`);
  };
  whole('multipleOf', false);
  whole('maxEdge', false);
  whole('minEdge', true);
  whole('minPixels', true);
  whole('maxPixels', true);
  if (rules.minEdge !== undefined && rules.minEdge > rules.maxEdge)
    problems.push('sizes.custom.minEdge is above maxEdge');
  if (rules.minPixels !== undefined && rules.maxPixels !== undefined && rules.minPixels > rules.maxPixels)
    problems.push('sizes.custom.minPixels is above maxPixels');
  if (rules.maxAspectRatio !== undefined && !(rules.maxAspectRatio >= 1))
    problems.push('sizes.custom.maxAspectRatio must be ≥ 1');
  return problems;
}
