import { GPTPROTO_MODELS } from '@imagegate/provider-gptproto';
import { NodeHelpers, type ILoadOptionsFunctions, type INodeParameters, type INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { ImageGate } from '../src/nodes/ImageGate/ImageGate.node.js';

const node = new ImageGate();
const shown = (parameters: INodeParameters) =>
  NodeHelpers.getNodeParameters(
    node.description.properties,
    parameters,
    true,
    false,
    { typeVersion: 1 },
    node.description,
  ) ?? {};
const model = (value: string) => ({ __rl: true, mode: 'list', value });
const image = (provider: string, id: string, operation = 'generate') =>
  shown({ provider, resource: 'image', operation, model: model(id) });

/**
 * What Options → Add Option offers for these parameters (n8n's own display rules, `/` paths from the root), with each
 * option's values and default.
 */
function offered(
  parameters: INodeParameters,
  set: INodeParameters = {},
): Record<string, { values?: unknown[]; default: unknown; max?: number }> {
  const root = { ...shown(parameters), options: set };
  const collection = node.description.properties.find((p) => p.name === 'options')!;
  const out: Record<string, { values?: unknown[]; default: unknown; max?: number }> = {};
  for (const option of collection.options as INodeProperties[]) {
    if (!NodeHelpers.displayParameter(set, option, { typeVersion: 1 }, node.description, root)) continue;
    if (out[option.name]) throw new Error(`two "${option.name}" options are offered at once`);
    out[option.name] = {
      default: option.default,
      values: option.options?.map((o) => (o as { value: unknown }).value),
      max: option.typeOptions?.maxValue,
    };
  }
  return out;
}
const opts = (provider: string, id: string | { __rl: true; mode: string; value: string }, set: INodeParameters = {}) =>
  offered({ provider, resource: 'image', operation: 'generate', model: typeof id === 'string' ? model(id) : id }, set);

describe('parameters generated from the manifests', () => {
  it(
    'keeps the top of the panel to what the image is made of; ' +
      'Options offers each model only what it takes, with its defaults',
    () => {
      expect(image('gptproto', 'gpt-image-2')).toMatchObject({ size: 'auto' });
      for (const tunable of [
        'quality',
        'background',
        'outputFormat',
        'moderation',
        'outputCompression',
        'n',
        'maxWaitSeconds',
      ])
        expect(image('gptproto', 'gpt-image-2')).not.toHaveProperty(tunable);
      const gpt = opts('gptproto', 'gpt-image-2');
      expect(gpt).toMatchObject({
        quality: { default: 'auto' },
        background: { default: 'auto' },
        outputFormat: { default: 'auto' },
        moderation: { default: 'auto' },
        n: { default: 1, max: 10 },
      });
      // Output Compression only where it applies: with JPEG or WebP output.
      expect(gpt).not.toHaveProperty('outputCompression');
      expect(opts('gptproto', 'gpt-image-2', { outputFormat: 'jpeg' })).toHaveProperty(
        'outputCompression.default',
        100,
      );
      const gemini = opts('gptproto', 'gemini-2.5-flash-image');
      for (const absent of ['quality', 'background', 'outputFormat', 'moderation', 'outputCompression', 'seed'])
        expect(gemini).not.toHaveProperty(absent);
      expect(gemini.n).toMatchObject({ max: 4 });
      expect(image('gptproto', 'gemini-2.5-flash-image').size).toBe('1:1');
      expect(image('toapis', 'nano-banana')).toMatchObject({ size: '1:1' });
    },
  );

  it(
    'a model given by ID or by an expression keeps its Options, ' +
      "with every value the provider's models take (core checks the model's)",
    () => {
      const byId = opts('gptproto', { __rl: true, mode: 'id', value: 'gpt-image-3' });
      expect(byId).toMatchObject({
        n: { max: 10 },
        quality: { default: '' },
        background: { values: ['', 'auto', 'opaque', 'transparent'] },
      });
      expect(byId.outputFormat?.values).toEqual(['', 'auto', 'png', 'jpeg', 'webp']);
      const expression = opts('toapis', { __rl: true, mode: 'id', value: '={{ $json.model }}' });
      expect(expression).toHaveProperty('quality');
      expect(expression).toHaveProperty('maxWaitSeconds');
    },
  );

  it('offers transparent backgrounds only where the manifest does, and custom sizes only on gpt-image-2', () => {
    const options = (name: string, id: string) =>
      node.description.properties
        .filter((p) => p.name === name && (p.displayOptions?.show?.model as string[] | undefined)?.includes(id))
        .flatMap((p) => (p.options ?? []).map((o) => (o as { value: unknown }).value));
    expect(opts('gptproto', 'gpt-image-1').background?.values).toContain('transparent');
    expect(opts('gptproto', 'gpt-image-2').background?.values).not.toContain('transparent');
    expect(options('size', 'gpt-image-2')).toContain('custom');
    expect(options('size', 'gpt-image-1')).not.toContain('custom');
    expect(
      shown({
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-2'),
        size: 'custom',
      }),
    ).toHaveProperty('customSize', '1920x1088');
  });

  it(
    'says under Size what it means for the model: pixels, ' + 'or an aspect ratio with or without a resolution tier',
    () => {
      const hint = (id: string) =>
        node.description.properties.find(
          (p) => p.name === 'size' && (p.displayOptions?.show?.model as string[]).includes(id),
        )?.hint;
      expect(hint('gpt-image-2')).toBe("Width × height in pixels; Custom… takes any size within the model's limits");
      expect(hint('gemini-3-pro-image-preview')).toBe('An aspect ratio: the shape; Resolution sets the scale');
      expect(hint('gemini-2.5-flash-image')).toBe('An aspect ratio: this model makes one size per ratio');
    },
  );

  it('labels aspect ratios with the pixel size they make', () => {
    const size = node.description.properties.find(
      (p) => p.name === 'size' && (p.displayOptions?.show?.model as string[]).includes('gemini-2.5-flash-image'),
    );
    expect(size?.options).toContainEqual({ name: '16:9 (1344x768)', value: '16:9' });
  });

  it('shows Resolution from the manifest: the tiers, the default, the pixels each makes', () => {
    expect(image('gptproto', 'gemini-3-pro-image-preview')).toMatchObject({ size: '1:1', resolution: '1K' });
    expect(opts('gptproto', 'gemini-3-pro-image-preview').outputFormat).toMatchObject({
      default: 'png',
      values: ['png', 'jpeg'],
    });
    expect(image('toapis', 'gpt-image-2')).toMatchObject({ resolution: '1K' });
    expect(image('gptproto', 'gpt-image-2')).not.toHaveProperty('resolution');
    const resolution = node.description.properties.find(
      (p) =>
        p.name === 'resolution' && (p.displayOptions?.show?.model as string[]).includes('gemini-3-pro-image-preview'),
    );
    expect(resolution?.options).toContainEqual({ name: '2K', value: '2K', description: '2048 × 2048 at 1:1' });
  });

  it(
    "starts on the provider's flagship, bounds Number of Images by the model, " +
      'offers a mask where the model takes one',
    () => {
      expect(shown({ provider: 'gptproto', resource: 'image', operation: 'generate' }).model).toEqual({
        __rl: true,
        mode: 'list',
        value: 'gpt-image-2',
      });
      expect(shown({ provider: 'toapis', resource: 'image', operation: 'generate' }).model).toMatchObject({
        value: 'gemini-3-pro-image-preview',
      });
      expect([
        opts('gptproto', 'gpt-image-2').n?.max,
        opts('gptproto', 'gemini-3-pro-image-preview').n?.max,
        opts('toapis', 'gpt-4o-image').n?.max,
      ]).toEqual([10, 4, 4]);
      expect(image('gptproto', 'gpt-image-1', 'edit')).toHaveProperty('maskBinaryField', '');
      expect(image('gptproto', 'gemini-2.5-flash-image', 'edit')).not.toHaveProperty('maskBinaryField');
      expect(image('gptproto', 'gpt-image-1', 'edit')).not.toHaveProperty('imageUrls');
      expect(image('toapis', 'gemini-3-pro-image-preview', 'edit')).toHaveProperty('imageUrls');
    },
  );

  it('a model given by ID that no manifest lists gets no model-specific options', () => {
    const byId = shown({
      provider: 'gptproto',
      resource: 'image',
      operation: 'generate',
      model: { __rl: true, mode: 'id', value: 'gpt-image-3' },
    });
    expect(byId).not.toHaveProperty('size');
    expect(byId).toHaveProperty('prompt');
  });

  it('uses only the credential of the selected provider', () => {
    expect(node.description.credentials).toEqual([
      { name: 'imageGateGptProtoApi', required: true, displayOptions: { hide: { provider: ['toapis'] } } },
      { name: 'imageGateToApisApi', required: true, displayOptions: { hide: { provider: ['gptproto'] } } },
    ]);
  });
});

describe('Model → From List', () => {
  const search = (provider: string, operation: string, filter?: string) =>
    node.methods.listSearch.searchModels.call(
      {
        getCurrentNodeParameter: (name: string) => ({ provider, operation })[name],
      } as unknown as ILoadOptionsFunctions,
      filter,
    );

  it("lists the provider's models that support the operation, filtered by the search text", async () => {
    expect((await search('gptproto', 'generate')).results.map((r) => r.value)).toEqual(
      GPTPROTO_MODELS.map((m) => m.id),
    );
    expect((await search('gptproto', 'edit', 'gemini')).results.map((r) => r.value)).toEqual([
      'gemini-2.5-flash-image',
      'gemini-2.5-flash-image-preview',
      'gemini-3-pro-image-preview',
      'gemini-3.1-flash-image-preview',
      'gemini-2.5-flash-image-hd',
    ]);
    expect((await search('gptproto', 'edit', 'gemini-2.5-flash-image-preview')).results[0]).toMatchObject({
      name: 'Gemini 2.5 Flash Image (preview, deprecated)',
    });
    expect((await search('gptproto', 'edit')).results.map((r) => r.value)).not.toContain('flux-kontext-pro');
  });

  it("finds a model by its alias, names the aliases and links the model's doc page", async () => {
    const [banana] = (await search('toapis', 'generate', 'nano-banana-pro')).results;
    expect(banana).toMatchObject({
      value: 'gemini-3-pro-image-preview',
      url: expect.stringMatching(/^https:\/\/docs\.toapis\.com\//),
    });
    expect(banana?.description).toMatch(
      /Also known as nano-banana-pro\. \$0\.05 per image at 1K, \$0\.05 at 2K \(price table of 2026-05-02\)\.$/,
    );
  });
});
