import { outputPixels, resolveModel } from '@imagegate/core/provider';
import { describe, expect, it } from 'vitest';
import { TOAPIS_MODELS } from '../src/index.js';
import { TOAPIS_WIRE_RULES, wireRuleFor } from '../src/toapis-wire-rules.js';

const model = (id: string) => resolveModel({ models: TOAPIS_MODELS }, id)!;

describe('catalogue: limits from the doc pages', () => {
  // id → [aliases, ratios, tiers (default first), images per call / total, references, mask]
  const expected: Record<string, [string[], number, string[], [number, number], number, boolean]> = {
    'gemini-2.5-flash-image-preview': [['nano-banana'], 7, [], [1, 4], 14, false],
    'gemini-3-pro-image-preview': [['nano-banana-pro'], 10, ['1K', '1K', '2K', '4K'], [1, 4], 14, false],
    'gemini-3-pro-image-preview-4k': [[], 6, ['4K', '4K'], [1, 4], 14, false],
    'gemini-3.1-flash-image-preview': [[], 14, ['1K', '0.5K', '1K', '2K', '4K'], [1, 4], 14, false],
    'gemini-3-pro-image-preview-official': [
      ['nano-banana-pro-official'],
      10,
      ['1K', '1K', '2K', '4K'],
      [1, 4],
      14,
      false,
    ],
    'gemini-3.1-flash-image-preview-official': [
      ['nano-banana-2-official', 'nano-banana-2-lite-official'],
      12,
      ['1K', '1K', '2K', '4K'],
      [1, 4],
      14,
      false,
    ],
    'gemini-2.5-flash-image-official': [['nano-banana-official'], 10, [], [1, 4], 3, false],
    'gpt-4o-image': [[], 3, [], [4, 4], 5, true],
    // 13 ratios and auto.
    'gpt-image-2': [[], 14, ['1K', '1K', '2K', '4K'], [10, 10], 16, true],
    'gpt-image-2-official': [[], 14, ['1K', '1K', '2K', '4K'], [10, 10], 16, true],
    'doubao-seedream-4-0': [[], 10, ['2K', '1K', '2K', '4K'], [1, 4], 10, false],
    'doubao-seedream-4-5': [[], 9, ['2K', '2K', '4K'], [1, 4], 10, false],
    'doubao-seedream-5-0': [[], 9, ['2K', '2K', '3K'], [1, 4], 10, false],
    'flux-kontext-pro': [[], 10, [], [1, 4], 1, false],
    'flux-kontext-max': [[], 10, [], [1, 4], 1, false],
    'flux-2-flex': [[], 7, ['1K', '1K', '2K'], [1, 4], 8, false],
    'flux-2-pro': [[], 7, ['1K', '1K', '2K'], [1, 4], 8, false],
  };

  it('lists 17 models', () => {
    expect(TOAPIS_MODELS.map((m) => m.id).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [id, [aliases, ratios, tiers, [perCall, total], references, mask]] of Object.entries(expected)) {
    it(id, () => {
      const m = model(id);
      expect(m.aliases ?? []).toEqual(aliases);
      expect(m.sizes.kind === 'aspect-ratio' && m.sizes.values.length).toBe(ratios);
      expect(m.resolution ? [m.resolution.default, ...m.resolution.values] : []).toEqual(tiers);
      expect([m.maxImagesPerCall, m.maxImages]).toEqual([perCall, total]);
      expect(m.inputImages?.max).toBe(references);
      expect(m.inputImages?.mask ?? false).toBe(mask);
      for (const alias of aliases) expect(resolveModel({ models: TOAPIS_MODELS }, alias)).toBe(m);
    });
  }

  it('pixel tables: Google’s for Gemini 3 Pro, ToAPIs’ for gpt-image-2 and Flux 2, the 2.5 reference table', () => {
    expect(outputPixels(model('nano-banana-pro'), { size: '16:9', resolution: '2K' })).toBe('2752x1536');
    expect(outputPixels(model('gemini-3-pro-image-preview'), { size: '21:9', resolution: '4K' })).toBe('6336x2688');
    expect(outputPixels(model('gemini-3-pro-image-preview'), { size: '2:3' })).toBe('848x1264');
    expect(outputPixels(model('gpt-image-2'), { size: '9:21', resolution: '4K' })).toBe('1648x3840');
    expect(outputPixels(model('gpt-image-2'), { size: '2:1', resolution: '2K' })).toBe('2688x1344');
    expect(outputPixels(model('flux-2-pro'), { size: '4:3', resolution: '2K' })).toBe('2730x2048');
    expect(outputPixels(model('nano-banana'), { size: '4:3' })).toBe('1365x1024');
    // The 4K-only id: Google's 4K row for its six ratios, and 4K when no tier is asked.
    expect(outputPixels(model('gemini-3-pro-image-preview-4k'), { size: '16:9' })).toBe('5504x3072');
    expect(outputPixels(model('gemini-3-pro-image-preview-4k'), {})).toBe('4096x4096');
    // Tiers without a table say nothing rather than guess.
    expect(outputPixels(model('gemini-3.1-flash-image-preview'), { size: '16:9', resolution: '2K' })).toBeUndefined();
    expect(outputPixels(model('doubao-seedream-4-0'), { size: '16:9' })).toBeUndefined();
  });

  it('gpt-image-2-official lists 4K only for the six wide and tall ratios, and 1K/2K for all 13', () => {
    const pixels = model('gpt-image-2-official').resolution!.pixels!;
    expect(Object.keys(pixels['4K']!)).toEqual(['16:9', '9:16', '2:1', '1:2', '21:9', '9:21']);
    expect(Object.keys(pixels['1K']!)).toHaveLength(13);
    expect(pixels['2K']).toEqual(model('gpt-image-2').resolution!.pixels!['2K']);
  });

  it('every tier table is complete for the ratios it covers (a partial table would refuse valid requests)', () => {
    for (const m of TOAPIS_MODELS) {
      // auto names no ratio: the vendor picks one.
      const ratios = m.sizes.kind === 'aspect-ratio' ? m.sizes.values.filter((v) => v !== 'auto') : [];
      for (const [tier, bySize] of Object.entries(m.resolution?.pixels ?? {})) {
        if (m.id === 'gpt-image-2-official' && tier === '4K') continue;
        expect(Object.keys(bySize).sort(), `${m.id} ${tier}`).toEqual([...ratios].sort());
      }
    }
  });

  it(
    'auto only where a page documents it; Flux Kontext’s ' +
      'text-to-image default is 16:9; Gemini references are JPEG/PNG/WebP',
    () => {
      const withAuto = TOAPIS_MODELS.filter(
        (m) => m.sizes.kind === 'aspect-ratio' && m.sizes.values.includes('auto'),
      ).map((m) => m.id);
      expect(withAuto).toEqual(['gpt-image-2', 'gpt-image-2-official', 'doubao-seedream-4-0']);
      expect([model('flux-kontext-pro').defaultSize, model('flux-kontext-max').defaultSize]).toEqual(['16:9', '16:9']);
      for (const m of TOAPIS_MODELS.filter((m) => m.id.startsWith('gemini')))
        expect(m.inputImages?.mimeTypes, m.id).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    },
  );

  it('Seedream 4.0 and 4.5 keep the vendor’s watermark default (said in their descriptions)', () => {
    expect(model('doubao-seedream-4-0').description).toMatch(/metadata\.watermark is false/);
    expect(model('doubao-seedream-4-5').description).toMatch(/metadata\.watermark is false/);
  });
});

describe('catalogue: wire rules agree with the manifest', () => {
  it('every listed model has its own rule', () => {
    expect(Object.keys(TOAPIS_WIRE_RULES).sort()).toEqual(TOAPIS_MODELS.map((m) => m.id).sort());
  });

  for (const m of TOAPIS_MODELS) {
    it(`${m.id}: what the manifest takes has a place on the wire, and nothing more`, () => {
      const rule = wireRuleFor(m.id);
      const takes = {
        resolution: m.resolution !== undefined,
        quality: m.options.quality !== undefined,
        outputFormat: m.options.outputFormat !== undefined,
        outputCompression: m.options.outputCompression !== undefined,
        mask: m.inputImages?.mask === true,
      };
      const placed = Object.fromEntries(Object.keys(takes).map((field) => [field, field in rule.fields]));
      expect(placed).toEqual(takes);
      expect(rule.n === 'one-per-task').toBe(m.maxImagesPerCall === 1);
    });
  }
});
