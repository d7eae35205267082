import { InvalidArgumentError, NoSuchModelError } from '@ai-sdk/provider';
import { generateImage } from 'ai';
import { GPTPROTO_MODELS, gptProto } from '@imagegate/provider-gptproto';
import { createFakeProvider } from '@imagegate/testing';
import { describe, expect, it } from 'vitest';
import { imagegate } from './index.js';

const gateway = imagegate(gptProto.create({ apiKey: 'sk-catalogue-test' }));

describe('imagegate(provider): the catalogue', () => {
  it("lists every model of the provider with its image capabilities, from the model's manifest", () => {
    expect(Object.keys(gateway.models)).toEqual(GPTPROTO_MODELS.map((m) => m.id));
    expect(gateway.models['gpt-image-1']).toEqual({
      capabilities: {
        image: {
          sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
          fileInput: true,
          maskInput: true,
          maxImagesPerCall: 10,
        },
      },
      providerOptions: {
        image: expect.objectContaining({ quality: true, background: true, outputFormat: true, resolution: false }),
      },
    });
    expect(gateway.models['gemini-3-pro-image-preview']!.capabilities.image).toMatchObject({
      sizes: expect.arrayContaining(['16:9', '1:1']),
      maskInput: false,
      maxImagesPerCall: 1,
    });
    expect(gateway.models['gemini-3-pro-image-preview']!.providerOptions!.image!.resolution).toBe(true);
    // Custom sizes cannot be listed: the rule in words.
    expect(gateway.models['gpt-image-2']!.capabilities.image!.sizes).toEqual({
      description: expect.stringMatching(/^pixel sizes: one of auto, 1024x1024.*or any/),
    });
    expect(Object.keys(gateway.providerOptionDefinitions.image!)).toEqual([
      'resolution',
      'quality',
      'background',
      'outputFormat',
      'outputCompression',
      'moderation',
    ]);
  });

  it("models carry the manifest's limits where the AI SDK reads them", () => {
    const model = gateway.imageModel('gpt-image-2-plus');
    expect(model).toMatchObject({
      specificationVersion: 'v4',
      provider: 'imagegate.gptproto',
      modelId: 'gpt-image-2-plus',
      maxImagesPerCall: 1,
      supportsFileInputs: true,
      supportsMaskInputs: false,
    });
    expect(gateway.image('flux-kontext-pro').supportsFileInputs).toBe(false);
  });

  it('refuses what is not a provider, or not a model of it, naming what is accepted', () => {
    expect(() => gateway.imageModel('dall-e-9')).toThrow(NoSuchModelError);
    expect(() => gateway.imageModel('dall-e-9')).toThrow(/Accepted: gpt-image-1, /);
    expect(() => gateway.languageModel('gpt-4o')).toThrow(/makes images only/);
    const definition = () => imagegate(gptProto as never);
    expect(definition).toThrow(InvalidArgumentError);
    expect(definition).toThrow(/pass its instance, e\.g\. gptProto\.create\(\{ apiKey \}\)/);
    expect(() => imagegate(undefined as never)).toThrow(/takes an ImageGate provider.*got undefined/);
    expect(() => imagegate(gptProto.create({ apiKey: 'k' }), 'fast' as never)).toThrow(/settings must be an object/);
    const unknown = () => imagegate(gptProto.create({ apiKey: 'k' }), { timeout: 5 } as never);
    expect(unknown).toThrow(/"timeout" is not a setting\. Accepted: timeoutMs/);
  });

  it('a setting ImageGate refuses is named as the setting, at the call, before any request', async () => {
    const fake = createFakeProvider();
    const model = imagegate(fake, { timeoutMs: -1 }).imageModel('fake-sync');
    const error = await generateImage({ model, prompt: 'a cat' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ argument: 'imagegate() settings.timeoutMs' });
    expect(fake.vendor.requests).toHaveLength(0);
  });
});

describe("a third party's provider through the AI SDK", () => {
  it('works as ours do: seed and n reach its vendor, images come back as bytes', async () => {
    const fake = createFakeProvider();
    const { images, warnings } = await generateImage({
      model: imagegate(fake).imageModel('fake-sync'),
      prompt: 'a cat',
      n: 6,
      seed: 7,
      size: '512x512',
    });
    expect(images).toHaveLength(6);
    expect(warnings).toEqual([]);
    // The AI SDK split n by the model's maxImagesPerCall (4).
    const bodies = fake.vendor.requests.map((r) => JSON.parse(String(r.body)) as { n: number; size: string });
    expect(bodies.map((b) => b.n).sort()).toEqual([2, 4]);
    expect(bodies.every((b) => b.size === '512x512')).toBe(true);
  });
});
