import { type ModelSpec } from '@imagegate/core';
import { checkManifest, sizeProblem } from '@imagegate/core/provider';
import { describe, expect, it } from 'vitest';
import { GEMINI_RESOLUTIONS, GPTPROTO_MODELS } from '../src/index.js';
import { describeGptProtoModel, modelFamily } from '../src/gptproto-models.js';

const spec = (id: string): ModelSpec => GPTPROTO_MODELS.find((m) => m.id === id)!;

describe('GPTPROTO_MODELS', () => {
  it('is a complete manifest of the six documented models', () => {
    expect(GPTPROTO_MODELS.map((m) => m.id)).toEqual(['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'gpt-image-2', 'gemini-2.5-flash-image', 'gemini-2.5-flash-image-preview']);
    expect(checkManifest({ id: 'gptproto', name: 'GPTProto', models: GPTPROTO_MODELS })).toEqual([]);
    for (const m of GPTPROTO_MODELS) expect(m).toMatchObject({ specificationVersion: 'v1', async: false, output: { delivery: 'bytes' } });
  });

  it('Gemini: the ten aspect ratios with the resolutions of documents 000/001, 3 inputs of 7 MB, one image per call', () => {
    const gemini = spec('gemini-2.5-flash-image');
    expect(gemini.sizes).toEqual({ kind: 'aspect-ratio', values: Object.keys(GEMINI_RESOLUTIONS), resolutions: GEMINI_RESOLUTIONS });
    expect(GEMINI_RESOLUTIONS).toMatchObject({ '1:1': '1024x1024', '16:9': '1344x768', '21:9': '1536x672', '9:16': '768x1344' });
    expect(Object.keys(GEMINI_RESOLUTIONS)).toHaveLength(10);
    expect(gemini.inputImages).toEqual({ max: 3, maxBytes: 7 * 1024 * 1024, mimeTypes: ['image/png', 'image/jpeg', 'image/webp'], acceptsUrls: false });
    expect(gemini.maxImagesPerCall).toBe(1);
    expect(gemini.deprecated).toBeUndefined();
  });

  it('the preview model is deprecated in favour of gemini-2.5-flash-image', () => {
    expect(spec('gemini-2.5-flash-image-preview').deprecated).toMatchObject({ replacement: 'gemini-2.5-flash-image', message: expect.stringMatching(/2025-10-31/) });
  });

  it('gpt-image: n 1–10 per call, presets and auto; only gpt-image-2 takes custom sizes and refuses transparent', () => {
    for (const id of ['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'gpt-image-2']) {
      const m = spec(id);
      expect([m.maxImagesPerCall, m.maxImages, m.maxPromptLength]).toEqual([10, 10, 32_000]);
      expect(sizeProblem('auto', m.sizes)).toBeUndefined();
      expect(sizeProblem('1536x1024', m.sizes)).toBeUndefined();
      expect(m.options.outputCompression).toEqual({ min: 0, max: 100, formats: ['jpeg', 'webp'] });
      expect(m.inputImages?.max).toBe(16);
      expect(m.options.background?.includes('transparent')).toBe(id !== 'gpt-image-2');
      expect(sizeProblem('2048x1152', m.sizes) === undefined).toBe(id === 'gpt-image-2');
    }
    const two = spec('gpt-image-2').sizes;
    expect(two).toMatchObject({ custom: { multipleOf: 16, maxEdge: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxAspectRatio: 3 } });
    for (const ok of ['3840x2160', '2160x3840', '1280x720', '2400x800', '816x816']) expect(sizeProblem(ok, two), ok).toBeUndefined();
    for (const bad of ['3856x2160', '2416x800', '800x800', '1000x1008']) expect(sizeProblem(bad, two), bad).toBeDefined();
  });

  it('tells the families apart by id', () => {
    expect(modelFamily('gemini-2.5-flash-image')).toBe('gemini');
    expect(modelFamily('gpt-image-1.5')).toBe('gpt-image');
  });

  it('describes unlisted models of a known family with that family\'s limits, and no others', () => {
    expect(describeGptProtoModel('gpt-image-3')).toMatchObject({ id: 'gpt-image-3', sizes: spec('gpt-image-1').sizes, maxImagesPerCall: 10 });
    expect(describeGptProtoModel('gemini-3-pro-image-preview')).toMatchObject({ id: 'gemini-3-pro-image-preview', sizes: { kind: 'aspect-ratio' }, maxImagesPerCall: 1 });
    expect(describeGptProtoModel('dall-e-3')).toBeUndefined();
    expect(describeGptProtoModel('gemini-2.5-pro')).toBeUndefined();
  });
});
