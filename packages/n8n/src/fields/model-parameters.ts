import type { ModelSpec } from '@imagegate/core';
import { describeCustomSize, outputPixels } from '@imagegate/core/provider';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { NodeProvider } from '../provider/node-provider.js';
import { LABELS } from '../shared/labels.js';
import type { ShownFor } from './shown-for.js';

/** The node parameter that says "custom size" for models with free-form sizes. */
export const CUSTOM_SIZE = 'custom';

/** Option kinds read from the manifest, and how each is shown. */
const LIST_OPTIONS = [
  { key: 'quality', displayName: LABELS.quality, description: 'Rendering quality; higher costs more and takes longer' },
  { key: 'background', displayName: LABELS.background, description: 'Transparent needs output format PNG or WebP' },
  { key: 'outputFormat', displayName: LABELS.outputFormat, description: 'File format of the generated images' },
  { key: 'moderation', displayName: LABELS.moderation, description: 'How strictly the vendor filters content' },
] as const;

/**
 * Where the model-dependent parameters show: the operations that make an image request, and those of them that take
 * reference images.
 */
export interface ModelParametersShownFor {
  image: ShownFor;
  references: ShownFor;
}

/**
 * The model-dependent parameters on top of the panel, from the providers'
 * manifests: what an image is made from and its shape (reference URLs, mask,
 * size or aspect ratio, resolution), one parameter per group of models that
 * take the same values, shown only for them. A new model or provider
 * therefore needs no node edit. The tunables are in {@link modelOptions}.
 */
export function modelParameters(
  providers: readonly NodeProvider[],
  shownFor: ModelParametersShownFor,
): INodeProperties[] {
  const properties: INodeProperties[] = [];
  for (const provider of providers) {
    properties.push(...urlProperties(provider, shownFor));
    properties.push(...sizeProperties(provider, shownFor.image));
    for (const group of groupBy(provider.models, (m) => m.resolution)) {
      const spec = group.models[0]!.resolution!;
      properties.push({
        displayName: LABELS.resolution,
        name: 'resolution',
        type: 'options',
        options: spec.values.map((tier) => ({
          name: tier,
          value: tier,
          description: tierDescription(group.models[0]!, tier),
        })),
        default: spec.default,
        description:
          'Scale of the image; the aspect ratio sets its shape. Higher resolutions cost more and take longer.',
        displayOptions: showForModels(provider, group.models, shownFor.image),
      });
    }
    const masked = provider.models.filter((m) => m.inputImages?.mask);
    if (masked.length > 0) {
      properties.push({
        displayName: 'Mask Binary Field',
        name: 'maskBinaryField',
        type: 'string',
        default: '',
        placeholder: 'mask',
        description:
          'Binary field of the input item holding a PNG as large as the first reference image; ' +
          'its transparent pixels mark the area to change. Leave empty to change the whole image.',
        displayOptions: { show: { ...showForModels(provider, masked, shownFor.image).show, ...shownFor.references } },
      });
    }
  }
  return properties;
}

/**
 * The model's tunables, for the node's Options collection: each offered only
 * for the models that take it (with their values and defaults), and for a
 * model given by ID or by an expression (with every value the provider's
 * models take: core then checks them against the model before any request).
 */
export function modelOptions(providers: readonly NodeProvider[], image: ShownFor): INodeProperties[] {
  const options: INodeProperties[] = [];
  for (const provider of providers) {
    const listed = namesOf(provider.models);
    const base = { '/provider': [provider.id], '/operation': image.operation };
    // Shown for these models only. n8n shows any parameter whose `show` names a field holding an
    // expression, so the model is matched in `hide` ("hide unless one of these"), which also hides
    // this entry for models given by ID or expression: those get the single `unlisted` entry.
    const only = (models: readonly ModelSpec[]) => ({
      show: base,
      hide: { '/model': [{ _cnd: { regex: `^(?!(?:${namesOf(models).map(escapeRegex).join('|')})$)` } }] },
    });
    const unlisted = { show: base, hide: { '/model': listed } };
    const count = (maxValue: number, displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
      displayName: LABELS.n,
      name: 'n',
      type: 'number',
      typeOptions: { minValue: 1, maxValue },
      default: 1,
      description: `Images to create for each input item (at most ${maxValue})`,
      displayOptions,
    });
    for (const group of groupBy(provider.models, (m) => m.maxImages))
      options.push(count(group.value as number, only(group.models)));
    options.push(count(Math.max(...provider.models.map((m) => m.maxImages)), unlisted));

    for (const option of LIST_OPTIONS) {
      const choice = (
        values: readonly string[],
        modelDefault: string | number | undefined,
        displayOptions: INodeProperties['displayOptions'],
      ): INodeProperties => {
        const list: INodePropertyOptions[] = values.map((v) => ({ name: label(v), value: v }));
        if (modelDefault === undefined) list.unshift({ name: 'Vendor Default', value: '' });
        return {
          displayName: option.displayName,
          name: option.key,
          type: 'options',
          options: list,
          default: modelDefault ?? '',
          description: option.description,
          displayOptions,
        };
      };
      const groups = groupBy(provider.models, (m) => m.options[option.key]);
      for (const group of groups)
        options.push(
          choice(group.value as readonly string[], group.models[0]!.defaults?.[option.key], only(group.models)),
        );
      const every = [...new Set(groups.flatMap((g) => g.value as readonly string[]))];
      if (every.length > 0) options.push(choice(every, undefined, unlisted));
    }

    const compression = (
      range: NonNullable<ModelSpec['options']['outputCompression']>,
      fallback: number,
      displayOptions: { show: Record<string, unknown>; hide: Record<string, unknown> },
    ): INodeProperties => ({
      displayName: LABELS.outputCompression,
      name: 'outputCompression',
      type: 'number',
      typeOptions: { minValue: range.min, maxValue: range.max },
      default: fallback,
      description:
        `${range.min}–${range.max}: ${range.max} keeps the most detail, ` +
        'lower values make smaller, more compressed files' +
        `${range.formats ? `; applies to ${range.formats.map((f) => f.toUpperCase()).join(' and ')} output` : ''}`,
      // Only with an output format it applies to (Output Format is a sibling option).
      displayOptions: (range.formats
        ? { ...displayOptions, show: { ...displayOptions.show, outputFormat: [...range.formats] } }
        : displayOptions) as INodeProperties['displayOptions'],
    });
    const compressions = groupBy(provider.models, (m) => m.options.outputCompression);
    for (const group of compressions) {
      const range = group.models[0]!.options.outputCompression!;
      options.push(
        compression(range, Number(group.models[0]!.defaults?.outputCompression ?? range.max), only(group.models)),
      );
    }
    if (compressions.length > 0)
      options.push(compression(compressions[0]!.models[0]!.options.outputCompression!, 100, unlisted));

    const seed = (
      range: { min: number; max: number },
      displayOptions: INodeProperties['displayOptions'],
    ): INodeProperties => ({
      displayName: LABELS.seed,
      name: 'seed',
      type: 'number',
      typeOptions: { minValue: range.min, maxValue: range.max },
      default: -1,
      description: 'Fixed seed for repeatable results; -1 leaves it random',
      displayOptions,
    });
    const seeds = groupBy(provider.models, (m) => m.options.seed);
    for (const group of seeds) options.push(seed(group.models[0]!.options.seed!, only(group.models)));
    if (seeds.length > 0) options.push(seed(seeds[0]!.models[0]!.options.seed!, unlisted));
  }
  return options;
}

/** A model's id and aliases: every value the Model field may hold for it. */
function namesOf(models: readonly ModelSpec[]): string[] {
  return models.flatMap((m) => [m.id, ...(m.aliases ?? [])]);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Input Image URLs, for the models that take reference URLs (and models given by ID, which core checks). */
function urlProperties(provider: NodeProvider, shownFor: ModelParametersShownFor): INodeProperties[] {
  const takers = provider.models.filter((m) => m.inputImages?.acceptsUrls);
  if (takers.length === 0) return [];
  const urls = (displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
    displayName: LABELS.imageUrls,
    name: 'imageUrls',
    type: 'string',
    typeOptions: { multipleValues: true },
    default: [],
    placeholder: 'https://example.com/photo.png',
    description: 'Public URLs of reference images',
    displayOptions,
  });
  const listed = showForModels(provider, provider.models, shownFor.image).show;
  return [
    urls({ show: { ...showForModels(provider, takers, shownFor.image).show, ...shownFor.references } }),
    urls({ show: { provider: [provider.id], ...shownFor.references }, hide: { model: listed.model! } }),
  ];
}

function sizeProperties(provider: NodeProvider, image: ShownFor): INodeProperties[] {
  const out: INodeProperties[] = [];
  for (const group of groupBy(provider.models, (m) => [m.sizes, m.defaultSize])) {
    const spec = group.models[0]!;
    const sizes = spec.sizes;
    const options: INodePropertyOptions[] =
      sizes.kind === 'aspect-ratio'
        ? sizes.values.map((v) => ({ name: sizes.resolutions?.[v] ? `${v} (${sizes.resolutions[v]})` : v, value: v }))
        : [
            ...(sizes.auto ? [{ name: 'Auto (Vendor Chooses)', value: 'auto' }] : []),
            ...sizes.presets.map((v) => ({ name: v.replace('x', ' × '), value: v })),
          ];
    const custom = sizes.kind === 'pixels' && sizes.custom;
    if (custom) options.push({ name: 'Custom…', value: CUSTOM_SIZE });
    out.push({
      displayName: sizes.kind === 'aspect-ratio' ? LABELS.aspectRatio : LABELS.size,
      name: 'size',
      type: 'options',
      options,
      default: spec.defaultSize ?? options[0]!.value,
      description:
        sizes.kind === 'aspect-ratio'
          ? 'Shape of the image; the pixel size the model makes is shown beside each ratio'
          : 'Pixel size of the image',
      hint: sizeHint(spec),
      displayOptions: showForModels(provider, group.models, image),
    });
    if (custom) {
      out.push({
        displayName: LABELS.customSize,
        name: 'customSize',
        type: 'string',
        default: '1920x1088',
        placeholder: '1920x1088',
        // The rules as core words them (and checks them before any request).
        description: `Any ${describeCustomSize(custom)}`,
        displayOptions: { show: { ...showForModels(provider, group.models, image).show, size: [CUSTOM_SIZE] } },
      });
    }
  }
  return out;
}

/** What Size means for this model, under the field: an aspect ratio (with a tier, or not) or pixels. */
function sizeHint(model: ModelSpec): string {
  if (model.sizes.kind === 'pixels')
    return model.sizes.custom
      ? "Width × height in pixels; Custom… takes any size within the model's limits"
      : 'Width × height in pixels';
  return model.resolution
    ? 'An aspect ratio: the shape; Resolution sets the scale'
    : 'An aspect ratio: this model makes one size per ratio';
}

/** `'2752 × 1536 at 16:9'`: the pixels a tier yields at the model's default ratio, when documented. */
function tierDescription(model: ModelSpec, tier: string): string | undefined {
  const pixels = outputPixels(model, { resolution: tier });
  return pixels ? `${pixels.replace('x', ' × ')} at ${model.defaultSize}` : undefined;
}

/** Shown for these models of this provider, in the operations that make an image request. */
function showForModels(
  provider: NodeProvider,
  models: readonly ModelSpec[],
  image: ShownFor,
): { show: Record<string, string[]> } {
  // A model named by an alias (a workflow may say `nano-banana`) shows its options too.
  return { show: { provider: [provider.id], ...image, model: models.flatMap((m) => [m.id, ...(m.aliases ?? [])]) } };
}

/** Group models by a derived value (compared as JSON); models where it is undefined are left out. */
function groupBy(
  models: readonly ModelSpec[],
  pick: (m: ModelSpec) => unknown,
): Array<{ value: unknown; models: ModelSpec[] }> {
  const groups = new Map<string, { value: unknown; models: ModelSpec[] }>();
  for (const model of models) {
    const value = pick(model);
    if (value === undefined) continue;
    const key = JSON.stringify(value);
    const group = groups.get(key) ?? { value, models: [] };
    group.models.push(model);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** `'high'` → `'High'`, `'png'` → `'PNG'`. */
function label(value: string): string {
  if (['png', 'jpeg', 'webp', 'gif'].includes(value)) return value.toUpperCase();
  return value.charAt(0).toUpperCase() + value.slice(1);
}
