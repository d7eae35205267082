import { GPTPROTO_MODELS } from '@imagegate/provider-gptproto';
import { describe, expect, it } from 'vitest';
import { chooseSize, ratioOf } from './size-choice.js';

const model = (id: string) => GPTPROTO_MODELS.find((m) => m.id === id)!;

describe('chooseSize: the AI SDK size and aspectRatio to the size a model takes', () => {
  it('reduces pixel sizes to their shape', () => {
    expect([ratioOf('1536x1024'), ratioOf('2048x1152'), ratioOf('16:9')]).toEqual(['3:2', '16:9', undefined]);
  });

  it("keeps the option of the model's own kind, and warns that the other is ignored", () => {
    expect(chooseSize(model('gpt-image-1'), '1024x1536', '16:9')).toEqual({
      size: '1024x1536',
      from: 'size',
      warnings: [{ type: 'unsupported', feature: 'aspectRatio', details: expect.stringContaining('is ignored') }],
    });
    expect(chooseSize(model('gemini-2.5-flash-image'), '1024x1024', '3:2')).toMatchObject({
      size: '3:2',
      from: 'aspectRatio',
      warnings: [{ type: 'unsupported', feature: 'size' }],
    });
  });

  it('converts the other kind where it names the same shape exactly', () => {
    // A preset of the shape; for custom sizes, that shape on the model's step with about its default's pixels.
    expect(chooseSize(model('gpt-image-1'), undefined, '3:2')).toMatchObject({
      size: '1536x1024',
      from: 'aspectRatio',
    });
    expect(chooseSize(model('gpt-image-2'), undefined, '16:9').size).toBe('2048x1152');
    expect(chooseSize(model('gpt-image-2'), undefined, '2:1').size).toBe('1440x720');
    // The documented output of a ratio, or the reduced shape.
    expect(chooseSize(model('gemini-2.5-flash-image'), '1024x1024', undefined)).toMatchObject({
      size: '1:1',
      from: 'size',
      warnings: [{ type: 'compatibility', feature: 'size' }],
    });
    expect(chooseSize(model('gemini-2.5-flash-image'), '1920x1080', undefined).size).toBe('16:9');
  });

  it("leaves the vendor's default, with a warning, where no size of that shape is taken", () => {
    expect(chooseSize(model('gpt-image-1'), undefined, '16:9')).toEqual({
      warnings: [{ type: 'unsupported', feature: 'aspectRatio', details: expect.stringContaining("vendor's default") }],
    });
    expect(chooseSize(model('gemini-2.5-flash-image'), '1000x333', undefined).size).toBeUndefined();
    expect(chooseSize(model('gpt-image-2'), undefined, '9:1').size).toBeUndefined(); // beyond its 3:1 limit
  });
});
