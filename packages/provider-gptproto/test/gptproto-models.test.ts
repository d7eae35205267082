import { type ModelSpec } from '@imagegate/core';
import { checkManifest, outputPixels, sizeProblem } from '@imagegate/core/provider';
import { describe, expect, it } from 'vitest';
import { GEMINI_RESOLUTIONS, GPTPROTO_MODELS } from '../src/index.js';
import { describeGptProtoModel, isGptImagePlus, modelFamily, PREDICTION_POLLING } from '../src/gptproto-models.js';

const spec = (id: string): ModelSpec => GPTPROTO_MODELS.find((m) => m.id === id)!;

describe('GPTPROTO_MODELS', () => {
  it(
    'is a complete manifest of the documented models, ' +
      'each with its doc page; the v3 ones asynchronous, with URL results',
    () => {
      expect(GPTPROTO_MODELS.map((m) => m.id)).toEqual([
        'gpt-image-1',
        'gpt-image-1-mini',
        'gpt-image-1.5',
        'gpt-image-2',
        'gpt-image-2-plus',
        'gpt-image-1.5-plus',
        'gpt-image-1-vip',
        'gpt-4o-image',
        'gpt-4o-image-vip',
        'gemini-2.5-flash-image',
        'gemini-2.5-flash-image-preview',
        'gemini-3-pro-image-preview',
        'gemini-3.1-flash-image-preview',
        'gemini-2.5-flash-image-hd',
        'seedream-4-0-250828',
        'seedream-4-5-251128',
        'seedream-5-0-260128',
        'flux-kontext-pro',
        'flux-kontext-max',
      ]);
      expect(
        checkManifest({
          id: 'gptproto',
          name: 'GPTProto',
          models: GPTPROTO_MODELS,
          getTask: async () => ({ state: 'queued' }),
        }),
      ).toEqual([]);
      for (const m of GPTPROTO_MODELS) {
        expect(m.docsUrl, m.id).toMatch(/^https:\/\/(docs\.gptproto\.com|gptproto\.apifox\.cn)\//);
        const v3 = modelFamily(m.id) === 'predictions';
        expect(m, m.id).toMatchObject({ specificationVersion: 'v1', async: v3 });
        if (v3) expect(m.output.delivery, m.id).toBe('url');
      }
    },
  );

  it("Gemini 3 Pro: 8 ratios at 1K/2K/4K with Google's pixel sizes, 14 references as URLs or bytes", () => {
    const pro = spec('gemini-3-pro-image-preview');
    expect(pro.sizes).toEqual({
      kind: 'aspect-ratio',
      values: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'],
    });
    expect(pro.resolution).toMatchObject({ values: ['1K', '2K', '4K'], default: '1K' });
    expect(outputPixels(pro, { size: '16:9', resolution: '2K' })).toBe('2752x1536');
    expect(outputPixels(pro, { size: '21:9', resolution: '4K' })).toBe('6336x2688');
    expect(pro.inputImages).toMatchObject({ max: 14, acceptsUrls: true });
    expect(pro.inputImages?.acceptsBytes).not.toBe(false);
    expect(spec('gemini-3.1-flash-image-preview').sizes).toMatchObject({
      values: expect.arrayContaining(['1:8', '8:1', '1:4', '4:1']),
    });
  });

  it('Seedream: pixel sizes within the documented pixel counts, URL-only references, the doubao- alias', () => {
    const s45 = spec('seedream-4-5-251128');
    expect(s45.aliases).toEqual(['doubao-seedream-4-5-251128']);
    expect(sizeProblem('2560x1440', s45.sizes)).toBeUndefined();
    expect(sizeProblem('1280x720', s45.sizes)).toMatch(/total pixels/);
    expect(sizeProblem('1280x720', spec('seedream-4-0-250828').sizes)).toBeUndefined();
    expect(s45.inputImages).toMatchObject({ max: 10, acceptsUrls: true, acceptsBytes: false });
  });

  it(
    'Gemini: the ten aspect ratios with the resolutions of documents 000/001, ' +
      '3 inputs of 7 MB, one image per call',
    () => {
      const gemini = spec('gemini-2.5-flash-image');
      expect(gemini.sizes).toEqual({
        kind: 'aspect-ratio',
        values: Object.keys(GEMINI_RESOLUTIONS),
        resolutions: GEMINI_RESOLUTIONS,
      });
      expect(GEMINI_RESOLUTIONS).toMatchObject({
        '1:1': '1024x1024',
        '16:9': '1344x768',
        '21:9': '1536x672',
        '9:16': '768x1344',
      });
      expect(Object.keys(GEMINI_RESOLUTIONS)).toHaveLength(10);
      expect(gemini.inputImages).toEqual({
        max: 3,
        maxBytes: 7 * 1024 * 1024,
        mimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
        acceptsUrls: false,
      });
      expect(gemini.docsUrl).toMatch(/gemini-2\.5-flash-image/);
      expect(gemini.maxImagesPerCall).toBe(1);
      expect(gemini.deprecated).toBeUndefined();
    },
  );

  it('the preview model is deprecated in favour of gemini-2.5-flash-image', () => {
    expect(spec('gemini-2.5-flash-image-preview').deprecated).toMatchObject({
      replacement: 'gemini-2.5-flash-image',
      message: expect.stringMatching(/2025-10-31/),
    });
  });

  it(
    'gpt-image: n 1–10 per call, presets and auto; ' + 'only gpt-image-2 takes custom sizes and refuses transparent',
    () => {
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
      expect(two).toMatchObject({
        custom: { multipleOf: 16, maxEdge: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxAspectRatio: 3 },
      });
      for (const ok of ['3840x2160', '2160x3840', '1280x720', '2400x800', '816x816'])
        expect(sizeProblem(ok, two), ok).toBeUndefined();
      for (const bad of ['3856x2160', '2416x800', '800x800', '1000x1008'])
        expect(sizeProblem(bad, two), bad).toBeDefined();
    },
  );

  it(
    'the -plus channels: their five sizes or auto, one image per call, ' +
      'no options, no mask, PNG out; each on its own page',
    () => {
      for (const id of ['gpt-image-2-plus', 'gpt-image-1.5-plus']) {
        const m = spec(id);
        expect(isGptImagePlus(id)).toBe(true);
        expect(m.docsUrl).toBe(`https://docs.gptproto.com/docs/allapi/OpenAI/${id}/official-format/text-to-image`);
        expect(m.sizes).toEqual({
          kind: 'pixels',
          presets: ['1254x1254', '1536x1024', '1024x1536', '1672x941', '941x1672'],
          auto: true,
        });
        expect(m.defaultSize).toBe('auto');
        for (const bad of ['1024x1024', '2048x2048', '1280x720'])
          expect(sizeProblem(bad, m.sizes), `${id} ${bad}`).toBeDefined();
        expect([m.maxImagesPerCall, m.maxImages, m.maxPromptLength]).toEqual([1, 4, 32_000]);
        expect(m.options).toEqual({});
        expect(m.inputImages).toEqual({
          max: 16,
          maxBytes: 50 * 1024 * 1024,
          mimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
          acceptsUrls: false,
        });
        expect(m.output).toEqual({ delivery: 'bytes', mimeTypes: ['image/png'] });
        expect(modelFamily(id)).toBe('gpt-image');
      }
      expect(isGptImagePlus('gpt-image-2')).toBe(false);
    },
  );

  it("the VIP channels take the gpt-image parameters with gpt-image-1's sizes, each on its own page", () => {
    const vip = spec('gpt-image-1-vip');
    expect(vip).toMatchObject({
      maxImagesPerCall: 10,
      sizes: spec('gpt-image-1').sizes,
      options: spec('gpt-image-1').options,
      inputImages: { mask: true },
    });
    expect(vip.docsUrl).toBe(
      'https://docs.gptproto.com/docs/allapi/OpenAI/gpt-image-1-vip/official-format/text-to-image',
    );
    const four = spec('gpt-4o-image-vip');
    expect(four).toMatchObject({ maxImagesPerCall: 10, sizes: spec('gpt-image-1').sizes, inputImages: { mask: true } });
    expect(four.options.background).toEqual(['auto', 'opaque']);
    expect(four.docsUrl).toBe(
      'https://docs.gptproto.com/docs/allapi/OpenAI/gpt-4o-image-vip/official-format/text-to-image',
    );
  });

  it(
    'cites the newest pages: gpt-4o-image its own, ' +
      'gemini-2.5-flash-image its openai-format page, the HD channel under its new id',
    () => {
      expect(spec('gpt-4o-image').docsUrl).toBe(
        'https://docs.gptproto.com/docs/allapi/OpenAI/gpt-4o-image/official-format/text-to-image',
      );
      expect(spec('gemini-2.5-flash-image').docsUrl).toBe(
        'https://docs.gptproto.com/docs/allapi/Google/gemini-2.5-flash-image/openai-format/text-to-image',
      );
      const hd = spec('gemini-2.5-flash-image-hd');
      expect(hd).toMatchObject({ aliases: ['gemini-2.5-flash-image-preview-hd'], async: true });
      expect(hd.resolution).toBeUndefined(); // no tier: no size is ever sent
      expect(hd.docsUrl).toBe(
        'https://docs.gptproto.com/docs/allapi/Google/gemini-2.5-flash-image-hd/gptproto-format/text-to-image',
      );
      expect(modelFamily('gemini-2.5-flash-image-preview-hd')).toBe('predictions');
    },
  );

  it(
    "polls v3 predictions at the SDK's 3–5 s: 3 s, then 4 s, " +
      "plus up to 1 s of jitter; no floor over the caller's timings",
    () => {
      expect(PREDICTION_POLLING).toEqual({
        initialDelayMs: 3000,
        intervalMs: 3000,
        maxIntervalMs: 4000,
        jitterMs: 1000,
        typicalDurationMs: { min: 8000, max: 60_000 },
      });
      for (const m of GPTPROTO_MODELS.filter((m) => m.async)) expect(m.polling, m.id).toBe(PREDICTION_POLLING);
    },
  );

  it('tells the families apart by id, listed or not', () => {
    expect(modelFamily('gemini-2.5-flash-image')).toBe('gemini');
    expect(modelFamily('gpt-image-1.5')).toBe('gpt-image');
    expect(modelFamily('gpt-4o-image')).toBe('gpt-image');
    expect(modelFamily('gemini-3-pro-image-preview')).toBe('predictions');
    expect(modelFamily('doubao-seedream-4-5-251128')).toBe('predictions');
    expect(modelFamily('flux-kontext-max')).toBe('flux');
  });

  it("describes unlisted models of a known family with that family's limits, and no others", () => {
    expect(describeGptProtoModel('gpt-image-3')).toMatchObject({
      id: 'gpt-image-3',
      sizes: spec('gpt-image-1').sizes,
      maxImagesPerCall: 10,
    });
    // A -plus id not in the manifest gets the -plus limits, never gpt-image-1's (which would send quality, n,
    // background).
    expect(describeGptProtoModel('gpt-image-3-plus')).toMatchObject({
      id: 'gpt-image-3-plus',
      sizes: spec('gpt-image-2-plus').sizes,
      maxImagesPerCall: 1,
      options: {},
    });
    expect(describeGptProtoModel('gemini-3-flash-image')).toMatchObject({
      id: 'gemini-3-flash-image',
      async: true,
      resolution: { values: ['1K', '2K', '4K'] },
    });
    expect(describeGptProtoModel('gemini-2.0-flash-image')).toMatchObject({ async: false, maxImagesPerCall: 1 });
    expect(describeGptProtoModel('seedream-6-0-270101')).toMatchObject({ async: true, sizes: { kind: 'pixels' } });
    expect(describeGptProtoModel('dall-e-3')).toBeUndefined();
    expect(describeGptProtoModel('gemini-2.5-pro')).toBeUndefined();
  });
});
